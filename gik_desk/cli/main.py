"""``gik-desk parse|audit|letters|import-review|rules|version``: the command line over
``gik_desk.services``. ``build_parser`` is the one list of subcommands: ``gik_desk.__main__``
dispatches on its names and each subparser carries its own handler.

Exit codes: 0 done; 1 ``--fail-on`` met; 2 bad usage, an output that would overwrite something
or no readable input; 3 an internal error (a bug: the traceback goes to stderr); 130 interrupted.
A crash must never look like ``--fail-on`` met, so it has its own code.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

import gik_desk
from gik_desk.cli.output import ProgressLine, print_problems, print_summary, severity_counts
from gik_desk.model import Severity
from gik_desk.model.batch import Batch
from gik_desk.model.rectification import BodyRectification, Outcome
from gik_desk.model.review import ReviewSnapshot
from gik_desk.services import Cancelled, CancelToken, Progress, WorkspaceError, write_cause

EXIT_OK = 0
EXIT_FAIL_ON = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
EXIT_HELP = (
    "退出码(exit codes)：\n"
    "  0 完成(done)\n"
    "  1 出现 --fail-on 指定的问题(--fail-on met)\n"
    "  2 用法错误、输出会覆盖输入/工作区/其他文件，或没有可读取的输入\n"
    "    (bad usage, unsafe output or no readable input)\n"
    "  3 程序内部错误(internal error)\n"
    "  import-review：有冲突或未导入的行时为 1(1 when rows conflict or are refused)\n"
    "  工作区中无法读取的记录在 stderr 以“已损坏”逐条列出，不影响退出码\n"
    "  (damaged workspace rows are listed on stderr and do not change the exit code)"
)
Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]
_FAIL_ON = {"error": (Severity.ERROR,), "warning": (Severity.ERROR, Severity.WARNING)}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gik-desk",
        description="GIK Desk 政府信息公开年报审核台(government information-disclosure annual "
        "report auditor)：读取年报文件，解析统计表并审核。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "-V", "--version", action="version", version=f"gik-desk {gik_desk.__version__}",
        help="显示版本号并退出(show the version and exit)",
    )  # fmt: skip
    sub = parser.add_subparsers(dest="command", metavar="命令(command)")

    def inputs(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths", nargs="+", metavar="PATH",
            help="年报文件或文件夹，文件夹递归读取(report files or folders, read recursively)",
        )  # fmt: skip
        p.add_argument(
            "--json", metavar="OUT",
            help="写出 JSON 结果，“-”为标准输出(write the JSON result; '-' for stdout)",
        )  # fmt: skip
        p.add_argument(
            "--workers", type=_positive_int, metavar="N",
            help="并行解析进程数，默认按 CPU 核数(parser processes; default: CPU count)",
        )  # fmt: skip
        p.add_argument(
            "-q", "--quiet", action="store_true",
            help="不在标准输出打印摘要(print no summary on stdout)",
        )  # fmt: skip

    p_parse = sub.add_parser(
        "parse",
        help="只解析统计表，不审核(parse the tables only, no audit)",
        description="解析年报，输出 OUTPUT.md 的报告部分(parse only; findings empty)。",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs(p_parse)
    p_parse.set_defaults(handler=_cmd_batch)
    p_audit = sub.add_parser(
        "audit",
        help="解析并审核(parse and audit)",
        description="解析并按全部规则审核年报(parse and run every audit rule)。",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inputs(p_audit)
    p_audit.set_defaults(handler=_cmd_batch)
    p_audit.add_argument(
        "--xlsx", metavar="OUT", help="写出 Excel 审核表(write the reviewer's workbook)"
    )
    p_audit.add_argument(
        "--workspace", metavar="W.gikdb",
        help="审核工作区：同步本批问题，并把审核状态写入 Excel(review workspace to sync)",
    )  # fmt: skip
    p_audit.add_argument(
        "--reviewer", metavar="NAME",
        help="记入操作记录的审核人，默认为桌面端设置的审核人，再默认为登录名"
        "(who the event log names; default: the desk's reviewer, else the login)",
    )  # fmt: skip
    p_audit.add_argument(
        "--fail-on", choices=("error", "warning"),
        help="出现该严重程度(或更高)的问题时退出码为 1(exit 1 when a finding this severe exists)",
    )  # fmt: skip
    _letters_parser(sub)
    p_import = sub.add_parser(
        "import-review",
        help="把同事在 Excel/WPS 中填写的审核表导回工作区(import a returned review workbook)",
        description="读取导出的审核表中的审核状态与备注，按问题键匹配，写入审核工作区"
        "(一次操作，可撤销)；导出后工作区已改动的问题列为冲突，不覆盖。",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p_import.add_argument("workbook", metavar="WORKBOOK.xlsx", help="审核表(the workbook)")
    p_import.add_argument(
        "--workspace", metavar="W.gikdb", required=True,
        help="审核工作区(the review workspace the workbook was exported from)",
    )  # fmt: skip
    p_import.add_argument(
        "--reviewer", metavar="NAME",
        help="记入操作记录的审核人，默认为桌面端设置的审核人，再默认为登录名"
        "(who the event log names; default: the desk's reviewer, else the login)",
    )  # fmt: skip
    p_import.set_defaults(handler=_cmd_import_review)
    p_rules = sub.add_parser(
        "rules", help="列出审核规则(list the audit rules)",
        description="列出审核规则：编号、严重程度、名称、版本(list the audit rules)。",
    )  # fmt: skip
    p_rules.set_defaults(handler=_cmd_rules)
    p_version = sub.add_parser(
        "version", help="显示版本号(show the version)",
        description="显示版本号(show the version)。",
    )  # fmt: skip
    p_version.set_defaults(handler=_cmd_version)
    _workspace_parser(sub)
    parser.epilog = commands_epilog(sub) + "\n" + EXIT_HELP
    return parser


def commands_epilog(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> str:
    """The ``--help`` epilogue's list of subcommands, read from the parser itself."""
    names = "、".join(sub.choices)
    return (
        f"命令(commands)：{names}；gik-desk 命令 --help 显示该命令的用法"
        "(gik-desk COMMAND --help shows its usage)。\n"
        "不带命令时打开窗口(with no command the window opens)。"
    )


def subcommands(parser: argparse.ArgumentParser | None = None) -> tuple[str, ...]:
    """The names ``gik_desk.__main__`` sends to the command line, in the parser's order."""
    for action in (parser or build_parser())._actions:
        if isinstance(action, argparse._SubParsersAction):
            return tuple(action.choices)
    return ()


def help_epilog() -> str:
    """The command list and exit codes, for the window's own ``--help``."""
    return build_parser().epilog or ""


def _letters_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "letters",
        help="按机关生成审核意见 Word 文件(write a .docx letter per body)",
        description="从审核工作区为每个机关生成审核意见(.docx)：只含“已确认”“需整改”的问题，"
        "只列现行版本；没有可发送问题的机关不生成(one letter per body, from a workspace)。",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--workspace", metavar="W.gikdb", required=True,
                   help="审核工作区(the review workspace)")  # fmt: skip
    p.add_argument("--out", metavar="DIR", required=True,
                   help="写出审核意见的文件夹(output folder)")  # fmt: skip
    p.add_argument("--body", action="append", metavar="机关",
                   help="只为该机关生成，可重复(only this body; repeatable)")  # fmt: skip
    p.add_argument("--letterhead", help="版头文字(letterhead text)")
    p.add_argument("--office", help="发文机关(issuing office)")
    p.add_argument("--date", type=_iso_date, metavar="YYYY-MM-DD",
                   help="落款日期，默认今天(the letter's date; default today)")  # fmt: skip
    p.add_argument("--workers", type=_positive_int, metavar="N",
                   help="并行解析进程数(parser processes)")  # fmt: skip
    p.add_argument(
        "--reviewer", metavar="NAME",
        help="记入操作记录的审核人，默认为桌面端设置的审核人，再默认为登录名"
        "(who the event log names; default: the desk's reviewer, else the login)",
    )  # fmt: skip
    p.add_argument(
        "--follow-up", action="store_true",
        help="整改复核：按已发出的审核意见逐项核对重新发布的报告，只列仍未整改的问题"
        "(write 复核意见 letters: only items still open after republication)",
    )  # fmt: skip
    p.set_defaults(handler=_cmd_letters)


def _workspace_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``workspace init|grant|push``: the team workspace on PostgreSQL (issue 28)."""
    p = sub.add_parser(
        "workspace",
        help="团队工作区(PostgreSQL)：建立、授权、迁入(the team workspace: init, grant, push)",
        description="团队工作区(team workspace on PostgreSQL)。地址形如 "
        "postgresql://角色@主机/数据库；密码请写在 libpq 的 passfile(~/.pgpass 或 PGPASSFILE)中，"
        "不要写进地址(passwords belong in libpq's passfile, never in the URL)。",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ops = p.add_subparsers(dest="operation", metavar="操作(operation)", required=True)
    p_init = ops.add_parser(
        "init", help="建立团队工作区的数据表和角色组(create the schema and group roles)",
        description="在空数据库中建立团队工作区，并建立角色组 gik_reviewer、gik_lead"
        "(create the schema, and the group roles gik_reviewer and gik_lead)。",
    )  # fmt: skip
    p_init.add_argument("url", metavar="URL", help="postgresql://…(the team workspace)")
    p_init.set_defaults(handler=_cmd_workspace_init)
    p_grant = ops.add_parser(
        "grant", help="授予数据库登录角色审核权限(give a login role its rights)",
        description="把登录角色加入 gik_reviewer(--lead：gik_lead)。审核人可记录操作、修改审核状态"
        "和自己的批注；只有组长可分配和重开已完成的报告(reviewers record actions, change reviews "
        "and their own annotations; only leads assign and reopen)。",
    )  # fmt: skip
    p_grant.add_argument("role", metavar="ROLE", help="数据库登录角色(the login role)")
    p_grant.add_argument("--lead", action="store_true", help="授予组长权限(the lead's rights)")
    p_grant.add_argument(
        "--workspace", metavar="URL", required=True, help="postgresql://…(the team workspace)"
    )
    p_grant.set_defaults(handler=_cmd_workspace_grant)
    p_push = ops.add_parser(
        "push", help="把个人工作区迁入团队工作区(move a personal workspace into a team one)",
        description="迁入审核状态、备注与理由、对外意见、批注、报告进度、操作记录(保留原审核人和时间)"
        "和报告文件；两边决定不同的问题不覆盖，逐条列出(statuses, notes, outward texts, "
        "annotations, history and files; decisions that differ are listed, never overwritten)。",
        epilog=EXIT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )  # fmt: skip
    p_push.add_argument("workspace", metavar="W.gikdb", help="个人工作区(the personal workspace)")
    p_push.add_argument("url", metavar="URL", help="postgresql://…(the team workspace)")
    p_push.set_defaults(handler=_cmd_workspace_push)


def _cmd_workspace_init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gik_desk.services import init_team_workspace

    try:
        shown, made = init_team_workspace(args.url)
    except WorkspaceError as exc:
        err.write(f"{_workspace_refusal(exc)}：{exc.message}\n")
        return EXIT_USAGE
    out.write(f"团队工作区已就绪(team workspace ready)：{shown}\n")
    if made:
        out.write(f"已建立角色组(group roles made)：{'、'.join(made)}\n")
    return EXIT_OK


def _cmd_workspace_grant(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gik_desk.services import grant_team_role

    try:
        shown = grant_team_role(args.workspace, args.role, lead=args.lead)
    except WorkspaceError as exc:
        err.write(f"{_workspace_refusal(exc)}：{exc.message}\n")
        return EXIT_USAGE
    group = "组长(lead)" if args.lead else "审核人(reviewer)"
    out.write(f"已授权(granted)：{args.role} 为 {group}，{shown}\n")
    return EXIT_OK


def _cmd_workspace_push(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """1 when decisions differ in both (listed: the reviewer must look), like import-review."""
    from gik_desk.services import push_workspace

    try:
        result = push_workspace(args.workspace, args.url)
    except WorkspaceError as exc:
        err.write(f"{_workspace_refusal(exc)}：{exc.message}\n")
        return EXIT_USAGE
    for line in result.lines():
        out.write(line + "\n")
    return EXIT_FAIL_ON if result.conflicts else EXIT_OK


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为 YYYY-MM-DD 格式的日期：{text}") from None


def _cmd_letters(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Letters from the workspace alone; 2 when it or the folder cannot be used."""
    from gik_desk.services import (
        LetterHead,
        acting_reviewer,
        workspace_follow_up,
        workspace_letters,
        workspace_target,
    )

    ws, out_dir = workspace_target(args.workspace), Path(args.out)
    if isinstance(ws, Path) and not ws.is_file():
        err.write(f"找不到审核工作区(no workspace)：{ws}\n")
        return EXIT_USAGE
    if out_dir.exists() and not out_dir.is_dir():
        err.write(f"--out 须为文件夹(not a folder)：{out_dir}\n")
        return EXIT_USAGE
    head = LetterHead()
    head = LetterHead(args.letterhead or head.letterhead, args.office or head.office, args.date)
    cancel = CancelToken()
    progress = ProgressLine(err)
    write = workspace_follow_up if args.follow_up else workspace_letters
    reviewer = acting_reviewer(args.reviewer)  # each letter is logged as sent under this name
    job = write(ws, out_dir, head, args.body, cancel, workers=args.workers, reviewer=reviewer)
    try:
        while True:
            try:
                progress.update(next(job))
            except StopIteration as stop:
                result = stop.value
                break
    except KeyboardInterrupt:
        cancel.cancel()
        job.close()
        raise
    except WorkspaceError as exc:
        err.write(f"{_workspace_refusal(exc)}：{exc.message}\n")
        return EXIT_USAGE
    except OSError as exc:
        err.write(f"无法写出审核意见(cannot write letters)：{exc}\n")
        return EXIT_USAGE
    finally:
        progress.close()
    for line in result.lines():
        err.write(line + "\n")
    if result.missing:  # the letters of those files' bodies may be missing or incomplete
        err.write(
            f"审核工作区中有 {len(result.missing)} 个文件找不到(files not found)："
            + "；".join(result.missing)
            + "\n"
        )
        return EXIT_USAGE
    return EXIT_OK


_REFUSALS = {
    "locked": "审核工作区正忙(workspace busy)",
    "read-only": "审核工作区只读(workspace read only)",
    "disk-full": "磁盘已满(disk full)",
    "unreachable": "无法连接团队工作区(team workspace unreachable)",
    "reviewer-mismatch": "审核人与数据库角色不符(reviewer is not the role)",
    "forbidden": "团队工作区拒绝了修改(refused by the team workspace)",
}


def _workspace_refusal(exc: WorkspaceError) -> str:
    """The line's lead names the real cause (issue 27: a busy workspace is not unopenable)."""
    return _REFUSALS.get(exc.code, "无法打开审核工作区(cannot open workspace)")


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数(a positive integer)：{text}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"应为正整数(a positive integer)：{text}")
    return n


def _run(paths: list[str], workers: int | None, audit: bool, err: TextIO) -> Batch:
    """Parse (and audit) ``paths``, each made absolute: a workspace stores where its files
    are, whatever directory a later command runs in (issue 23)."""
    from gik_desk.services import open_batch

    cancel = CancelToken()
    progress = ProgressLine(err)
    job = open_batch(  # a command has nothing else to do: this process parses too
        [os.path.abspath(p) for p in paths], cancel, workers=workers, audit=audit, parse_beside=True
    )
    try:
        while True:
            try:
                p: Progress = next(job)
            except StopIteration as stop:
                return stop.value  # type: ignore[no-any-return]
            progress.update(p)
    except KeyboardInterrupt:
        cancel.cancel()
        job.close()
        raise
    finally:
        progress.close()


def _write_outputs(args: argparse.Namespace, batch: Batch, out: TextIO, err: TextIO) -> None:
    from gik_desk.services import json_pieces, rectification_json, write_json

    review: ReviewSnapshot | None = None
    bodies: list[BodyRectification] = []
    extra: dict[str, object] | None = None
    if getattr(args, "workspace", None):
        review, bodies = _sync_workspace(args.workspace, batch, err, args.reviewer)
        extra = {"rectification": rectification_json(bodies)}  # docs/OUTPUT.md, issue 30
    if args.json == "-":
        for piece in json_pieces(batch, extra):  # a report at a time (issue 27)
            out.write(piece)
        out.write("\n")
    elif args.json:
        write_json(batch, args.json, extra)
        err.write(f"已写出 JSON：{args.json}\n")
    if getattr(args, "xlsx", None):
        from gik_desk.services import write_workbook

        write_workbook(batch, args.xlsx, review=review, rectification=bodies)
        err.write(f"已写出 Excel：{args.xlsx}\n")


def _sync_workspace(
    path: str, batch: Batch, err: TextIO, reviewer: str | None = None
) -> tuple[ReviewSnapshot, list[BodyRectification]]:
    """Open the reviewer's workspace, record this batch's findings, return its snapshot and
    what became of the letters it recorded as sent (整改复核, issue 30)."""
    from gik_desk.services import ReviewSession, acting_reviewer, workspace_target

    session = ReviewSession(acting_reviewer(reviewer), claimed=reviewer)
    session.open(workspace_target(path))
    try:
        result = session.sync(batch)
        snapshot = session.snapshot()
        bodies = session.rectification(batch)
    finally:
        session.close()
    assert result is not None  # an open session syncs
    assert snapshot is not None
    for line in snapshot.damaged:
        err.write(line + "\n")
    err.write(
        f"已同步审核工作区：{path}(新增 {len(result.new)}，保留 {len(result.kept)}，"
        f"已消失 {len(result.resolved)})\n"
    )
    for b in bodies:
        err.write(
            f"整改复核：{b.letter.body}：已整改 {b.count(Outcome.FIXED)}，"
            f"未整改 {b.count(Outcome.NOT_FIXED) + b.count(Outcome.WRONG)}，"
            f"未重新发布 {b.count(Outcome.PENDING)}，新问题 {len(b.new_problems)}\n"
        )
    return snapshot, bodies


def _unsafe_outputs(args: argparse.Namespace) -> str | None:
    """Why an output path would destroy something (checked before the batch runs)."""
    from gik_desk.cli.targets import check_outputs
    from gik_desk.services import list_files as discover

    outputs = {"json": args.json, "xlsx": getattr(args, "xlsx", None)}
    if not any(v and v != "-" for v in outputs.values()):
        return None
    given = [Path(p) for p in args.paths]
    try:
        inputs = [*given, *discover([p for p in given if p.exists()])]
    except OSError:
        inputs = given
    return check_outputs(outputs, getattr(args, "workspace", None), inputs)


def _cmd_batch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    audit = args.command == "audit"
    unsafe = _unsafe_outputs(args)
    if unsafe:
        err.write(f"已拒绝，无法写出结果文件(refused)：{unsafe}\n")
        return EXIT_USAGE
    batch = _run(args.paths, args.workers, audit, err)
    print_problems(batch, err)
    if not batch.sources and not batch.reports:
        err.write("没有找到可读取的年报文件(no input files)。\n")
        return EXIT_USAGE
    if not batch.reports and len(batch.problems) >= len(batch.sources):
        err.write("没有一个文件能读取(no readable input)。\n")
        return EXIT_USAGE
    try:
        _write_outputs(args, batch, out, err)
    except OSError as exc:
        err.write(f"无法写出结果文件(cannot write output)：{write_cause(exc)}\n")
        return EXIT_USAGE
    except WorkspaceError as exc:
        err.write(f"{_workspace_refusal(exc)}：{exc.message}\n")
        return EXIT_USAGE
    if not args.quiet and args.json != "-":
        print_summary(batch, out, findings=audit)
    fail_on = getattr(args, "fail_on", None)
    if fail_on:
        counts = severity_counts(batch)
        if any(counts[s] for s in _FAIL_ON[fail_on]):
            return EXIT_FAIL_ON
    return EXIT_OK


def _cmd_import_review(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Issue 16: applied, conflicting and refused rows on stdout; 1 when any row was not
    applied (the reviewer must look), 2 when the workbook or workspace cannot be used."""
    from gik_desk.services import ReimportError, acting_reviewer, import_review

    try:
        plan = import_review(
            args.workbook,
            args.workspace,
            reviewer=acting_reviewer(args.reviewer),
            claimed=args.reviewer,
        )
    except ReimportError as exc:
        err.write(f"无法导入审核表(cannot import)：{exc.message}\n")
        return EXIT_USAGE
    except WorkspaceError as exc:
        err.write(f"{_workspace_refusal(exc)}：{exc.message}\n")
        return EXIT_USAGE
    for line in plan.lines():
        out.write(line + "\n")
    for line in plan.damaged:
        err.write(line + "\n")
    return EXIT_FAIL_ON if plan.conflicts or plan.rejected else EXIT_OK


def _cmd_version(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(f"gik-desk {gik_desk.__version__}\n")
    return EXIT_OK


def _cmd_rules(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from gik_desk.services import rule_catalogue

    for rid, info in sorted(rule_catalogue().items()):
        sev = Severity(info.severity).zh if info.severity in set(Severity) else info.severity
        out.write(f"{rid}\t{sev}\t{info.title}\t{info.version}\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None,
         err: TextIO | None = None) -> int:  # fmt: skip
    """Run one command; returns the exit code (argparse's own exits are returned, not raised)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_usage(err)
        return EXIT_USAGE
    try:
        return handler(args, out, err)
    except (KeyboardInterrupt, Cancelled):
        err.write("\n已中断(interrupted)。\n")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: say so, keep the traceback, never exit 1 like --fail-on
        traceback.print_exc(file=err)
        err.write(
            f"程序内部错误(internal error)：{type(exc).__name__}；请将上面的信息和输入文件"
            "反馈给开发者。\n"
        )
        return EXIT_INTERNAL
