"""``ReviewSession``: the reviewer's work over a batch, in plain Python (issue 12).

The window wraps it in a thin Qt adapter (``ui/session.py``: an undo stack and signals); the
command line uses it as it is. Both therefore sync an audit the same way (with the rule versions
that produced it) and write every reviewer action through ``apply``, which says what changed so
a face can refresh exactly that. Without a workspace (``--screenshot``, tests of the tree)
nothing is stored and the reads are empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from gik_desk.model import Report
from gik_desk.model.batch import Batch
from gik_desk.model.rectification import BodyRectification, ItemJudgement, Outcome, SentLetter
from gik_desk.model.review import (
    Annotation,
    Event,
    FindingReview,
    KeyedValue,
    ReportState,
    ReviewerAction,
    ReviewSnapshot,
    ReviewStatus,
)
from gik_desk.services.lifecycle import HistoryEntry, finding_history, reason_problem
from gik_desk.workspace.actions import (
    EditAnnotationNote,
    ImportReview,
    RestoreStatuses,
    SetNote,
    SetStatus,
    Touched,
)
from gik_desk.workspace.errors import ReviewConflict, WorkspaceError

if TYPE_CHECKING:
    from gik_desk.jobs import CancelToken, Job
    from gik_desk.services.letters import LetterGuard
    from gik_desk.services.memory import DeskPlace, FileChanges, Loaded
    from gik_desk.services.reimport import ImportPlan, ReviewWorkbook
    from gik_desk.services.team import ChangeEvents, ChangeFeed
    from gik_desk.workspace import Action, SyncResult, Workspace
    from gik_desk.workspace.journal import Entry, Journal


_T = TypeVar("_T")

Changed = Touched  # what one applied action touched, as the faces call it (the action says)

# The codes of a workspace out of reach (issue 28): the desk keeps working into the journal.
GONE = frozenset({"unreachable", "locked", "disconnected"})  # a server lost: see team.py


@dataclass(frozen=True, slots=True)
class Replayed:
    """What applying the journal did: how many actions went in (``skipped``: already in the
    store, from a replay a crash cut short), the conflicts to show (theirs beside yours, each
    with ``retry``), and why the workspace is still out of reach (None: it is back)."""

    applied: int = 0
    skipped: int = 0
    conflicts: tuple[ReviewConflict, ...] = ()
    offline: WorkspaceError | None = None
    changed: tuple[Touched, ...] = ()


def rule_versions() -> dict[str, str]:
    """Each rule's version, recorded with every audit a workspace stores."""
    from gik_desk.export.catalogue import rule_catalogue

    return {rid: info.version for rid, info in rule_catalogue().items()}


def store_audit(
    ws: Workspace, batch: Batch, *, before_commit: Callable[[], None] | None = None
) -> SyncResult:
    """Store an audit with the rule versions that made it: reviews and annotations re-anchor on
    the new text and the batch's findings take their stored version slots; then, where the
    workspace's 现行版本 marks change year-over-year pairs across files, audit those years
    again and store that (issue 11). ``before_commit`` may raise to roll the first store back.
    The result counts both stores as one."""
    from gik_desk.services.batch import reaudit_versions

    versions = rule_versions()
    first = ws.sync_batch(batch, rule_versions=versions, before_commit=before_commit)
    if not reaudit_versions(batch):  # pairs across files prefer the marked version
        return first
    return _merged(first, ws.sync_batch(batch, rule_versions=versions))


def _merged(first: SyncResult, second: SyncResult) -> SyncResult:
    """Two stores of one audit said as one: what the re-audit resolved is not new."""
    gone = set(second.resolved)
    new = [k for k in dict.fromkeys([*first.new, *second.new]) if k not in gone]
    fresh = set(first.new)
    resolved = [k for k in dict.fromkeys([*first.resolved, *second.resolved]) if k not in fresh]
    return replace(
        second,
        new=tuple(new),
        kept=tuple(k for k in first.kept if k not in gone),
        reopened=tuple(k for k in first.reopened if k not in gone),
        resolved=tuple(resolved),
        reanchored=tuple(dict.fromkeys([*first.reanchored, *second.reanchored])),
        orphaned=tuple(dict.fromkeys([*first.orphaned, *second.orphaned])),
    )


def default_reviewer() -> str:
    from gik_desk.workspace.store import _default_reviewer

    return _default_reviewer()


def desk_reviewer() -> str:
    """The reviewer's name the desk keeps (``prefs/reviewer`` of its ini), "" when none.

    Read without Qt: the command line logs under the same name as the window (issue 23)."""
    import configparser

    import platformdirs

    from gik_desk.model.formats import APP_NAME

    ini = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / f"{APP_NAME}.ini"
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(ini, encoding="utf-8")
        name = parser.get("prefs", "reviewer", fallback="").strip()
    except (OSError, UnicodeDecodeError, configparser.Error):
        return ""  # an unreadable ini: the login name is still recorded
    if len(name) >= 2 and name[0] == name[-1] == '"':  # QSettings quotes some values
        name = name[1:-1].strip()
    return name


def acting_reviewer(given: str | None = None) -> str:
    """Whom the command line logs: ``--reviewer``, else the desk's name, else the login."""
    return (given or "").strip() or desk_reviewer() or default_reviewer()


class ReviewSession:
    """One reviewer's session: a workspace (or none) and the name their actions are logged under.

    Reads never raise for a missing workspace; writes raise ``WorkspaceError`` (its Chinese
    ``message`` is for the reviewer). Action builders return ``None`` when the action would
    change nothing, so no empty step reaches an undo stack or the event log.
    """

    def __init__(
        self,
        reviewer: str | None = None,
        *,
        claimed: str | None = None,
        journal_folder: Path | None = None,
    ) -> None:
        self.workspace: Workspace | None = None
        self._reviewer = reviewer or ""
        self._claimed = claimed  # a name typed (--reviewer): a team workspace checks it
        self._journal_folder = journal_folder  # tests; else platformdirs' user data dir
        self.journal: Journal | None = None
        self.offline: WorkspaceError | None = None  # why the workspace is out of reach
        self._own: set[int] = set()  # event ids this session wrote (issue 28: not a colleague's)
        # the last values read (issue 28): what reads show and actions are built on while the
        # server is out of reach; the conflict rule settles any staleness on reconnection
        self._known: dict[object, object] = {}
        self._known_reviews: dict[str, FindingReview] = {}
        self._known_versions: dict[tuple[str, str], int] = {}

    # ---- the file ------------------------------------------------------------------------------
    @property
    def reviewer(self) -> str:
        return self._reviewer or default_reviewer()

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        if self.workspace is not None and self.workspace.is_team:
            return  # a team workspace's reviewer is its database role (issue 28)
        self._reviewer = name.strip()
        if self.workspace is not None:
            self.workspace.reviewer = self.reviewer

    @property
    def path(self) -> Path | None:
        return self.workspace.path if self.workspace is not None else None

    def open(self, path: Path | str, *, network: bool | None = None) -> None:
        """Open (or create) ``path`` (or a ``postgresql://`` URL: a team workspace, whose
        reviewer is the database role), closing the one open before; raises
        ``WorkspaceError``."""
        from gik_desk.services.team import check_team_reviewer
        from gik_desk.workspace import Workspace

        ws = Workspace.open(path, network=network)
        if ws.is_team:
            try:
                check_team_reviewer(ws.reviewer, self._claimed)
            except Exception:
                ws.close()
                raise
            self._reviewer = ws.reviewer
        else:
            ws.reviewer = self.reviewer
        self.close()
        self.attach(ws)

    def attach(self, ws: Workspace) -> None:
        """Own ``ws`` (opened here, or a store given by a test) and find its journal: actions
        a desk kept while it was out of reach (``pending``; the desk offers to apply them)."""
        from gik_desk.workspace.journal import Journal

        self.workspace = ws
        self.offline = None
        self._forget()
        self.journal = Journal.of(ws.path, self._journal_folder)
        self._own = set()

    def close(self) -> None:
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None
        self.journal = None
        self.offline = None
        self._forget()

    def _forget(self) -> None:
        self._known = {}
        self._known_reviews = {}
        self._known_versions = {}

    def _gone(self, exc: WorkspaceError) -> None:
        """A read found the server gone: re-raised unless so (then the session is offline)."""
        if exc.code not in GONE:
            raise exc
        self.offline = exc

    def _read(self, name: object, read: Callable[[], _T], default: _T) -> _T:
        """``read()``, remembered under ``name``; with the workspace out of reach the value
        last read (else ``default``): the desk shows what it had, never crashes."""
        try:
            value = read()
        except WorkspaceError as exc:
            self._gone(exc)
            return cast("_T", self._known.get(name, default))
        self._known[name] = value
        return value

    def _version(self, table: str, key: str) -> int:
        """A row's version for an action built now; out of reach, the one last seen (else a
        guess from the last known row: a wrong one is a conflict on reconnection, never a
        lost edit)."""
        assert self.workspace is not None
        try:
            v = self.workspace.row_version(table, key)
        except WorkspaceError as exc:
            self._gone(exc)
            if (table, key) in self._known_versions:
                return self._known_versions[(table, key)]
            was = self._known_reviews.get(key)
            exists = was is not None and (was.status is not ReviewStatus.PENDING or was.note)
            return 1 if table != "reviews" or exists else 0
        self._known_versions[(table, key)] = v
        return v

    def sync(
        self, batch: Batch, *, before_commit: Callable[[], None] | None = None
    ) -> SyncResult | None:
        """Store an audit (``store_audit``): the one way the window, the CLI and a load job
        record one, so ``audit --workspace`` pairs years as the window does."""
        if self.workspace is None:
            return None
        return store_audit(self.workspace, batch, before_commit=before_commit)

    @property
    def is_open(self) -> bool:
        return self.workspace is not None

    def store_job(self, job: Job[Batch], cancel: CancelToken) -> Job[Loaded]:
        """Run a batch job, then store its audit (``store_audit``) on a connection of the
        job's own thread: a large batch's sync takes seconds, never on the UI thread."""
        from gik_desk.services.memory import stored

        return stored(job, self.workspace, cancel)

    # ---- what the workspace remembers of the desk (services/memory.py) -------------------------
    def remembered_files(self) -> list[str]:
        from gik_desk.services.memory import remembered_files

        return remembered_files(self.workspace) if self.workspace is not None else []

    def remembered_place(self) -> DeskPlace:
        from gik_desk.services.memory import DeskPlace, remembered_place

        return remembered_place(self.workspace) if self.workspace is not None else DeskPlace()

    def remember_files(self, files: Sequence[str]) -> str:
        """Store the batch's files; "" when stored (or no workspace), else why it was refused."""
        from gik_desk.services.memory import remember_files

        return remember_files(self.workspace, files) if self.workspace is not None else ""

    def remember_place(self, place: DeskPlace) -> str:
        from gik_desk.services.memory import remember_place

        return remember_place(self.workspace, place) if self.workspace is not None else ""

    def file_changes(self, batch: Batch) -> FileChanges:
        from gik_desk.services.memory import file_changes

        return file_changes(self.workspace, batch)

    def changed_on_disk(self, sources: Iterable[str]) -> list[str]:
        from gik_desk.services.memory import changed_on_disk

        return changed_on_disk(self.workspace, sources)

    def plan_import(self, book: ReviewWorkbook) -> ImportPlan:
        """A read workbook set against this workspace (``WorkspaceError`` when none is open)."""
        from gik_desk.services.reimport import plan_review_import
        from gik_desk.workspace import WorkspaceError

        if self.workspace is None:
            raise WorkspaceError("no-workspace", "未打开审核工作区。")
        return plan_review_import(book, self.workspace)

    # ---- reads ---------------------------------------------------------------------------------
    def reviews(self) -> dict[str, FindingReview]:
        if self.workspace is None:
            return {}
        try:
            stored = self.workspace.reviews()
        except WorkspaceError as exc:
            self._gone(exc)
            stored = dict(self._known_reviews)
        else:
            self._known_reviews = dict(stored)
        return _with_pending(stored, self.pending())

    def review(self, key: str) -> FindingReview:
        if self.workspace is None:
            return FindingReview(key)
        try:
            stored = self.workspace.review(key)
        except WorkspaceError as exc:
            self._gone(exc)
            stored = self._known_reviews.get(key, FindingReview(key))
        else:
            self._known_reviews[key] = stored
        return _with_pending({key: stored}, self.pending())[key]

    def annotations(self, report: Report | None = None) -> list[Annotation]:
        if self.workspace is None:
            return []
        ws = self.workspace
        if report is None:
            return self._read("annotations", ws.annotations, [])
        from gik_desk.workspace import report_key

        rkey = report_key(report)
        return self._read(("annotations", rkey), lambda: ws.annotations(rkey), [])

    def orphans(self) -> list[Annotation]:
        """Annotations that could not be re-anchored on the current text, in every report."""
        if self.workspace is None:
            return []
        return self._read("orphans", self.workspace.orphans, [])

    def report_annotations(self, report: Report | None) -> list[Annotation]:
        """One report's annotations, then every orphan (so none is ever out of sight)."""
        own = self.annotations(report) if report is not None else []
        ids = {a.id for a in own}
        return own + [a for a in self.orphans() if a.id not in ids]

    def current_versions(self) -> dict[str, str]:
        if self.workspace is None:
            return {}
        return self._read("current_versions", self.workspace.current_versions, {})

    def events(self) -> list[Event]:
        return self._read("events", self.workspace.events, []) if self.workspace else []

    def snapshot(self) -> ReviewSnapshot | None:
        if self.workspace is None:
            return None
        return self._read("snapshot", self.workspace.snapshot, None)

    def history(self, key: str) -> list[HistoryEntry]:
        """Who changed this finding's status or note, and when (local time), oldest first."""
        if self.workspace is None:
            return []
        ws = self.workspace
        no_events: list[Event] = []
        events = self._read(("history", key), lambda: ws.finding_events(key), no_events)
        return finding_history(events, key)

    def _report_states(self) -> dict[str, ReportState]:
        assert self.workspace is not None
        return self._read("report_states", self.workspace.report_states, {})

    def report_state(self, report: Report | None) -> ReportState:
        if self.workspace is None or report is None:
            return ReportState.NOT_STARTED
        from gik_desk.workspace import report_key

        return self._report_states().get(report_key(report), ReportState.NOT_STARTED)

    def report_states(self, reports: Iterable[Report]) -> dict[str, ReportState]:
        """Sign-off per report id (reports never signed are 未开始)."""
        if self.workspace is None:
            return {}
        from gik_desk.workspace import report_key

        stored = self._report_states()
        return {r.id: stored.get(report_key(r), ReportState.NOT_STARTED) for r in reports}

    def changed_by_me(self) -> set[str]:
        """Findings whose status or note this reviewer has changed (the 我改过的 filter)."""
        if self.workspace is None:
            return set()
        ws, who = self.workspace, self.reviewer
        return self._read("changed_by_me", lambda: ws.changed_by(who), set())

    def seen(self) -> set[str]:
        return self._read("seen", self.workspace.seen, set()) if self.workspace else set()

    def changed(self) -> set[str]:
        """Findings marked 已变化: a reload changed their figures after the reviewer decided
        (status, note and reason kept); cleared when the reviewer looks again (issue 23)."""
        if self.workspace is None:
            return set()
        ws = self.workspace
        return self._read("changed", lambda: set(ws.changed_findings()), set())

    def mark_seen(self, key: str) -> bool:
        """The finding was shown in the detail pane; True the first time. Not reviewer work:
        a locked file only loses this convenience, never raises."""
        if self.workspace is None:
            return False
        from gik_desk.workspace import WorkspaceError

        try:
            self.workspace.clear_changed(key)  # looked at again: no longer 已变化
            return self.workspace.mark_seen(key)
        except WorkspaceError:
            return False

    # ---- letters (issue 23) ----
    def letter_guard(self, sources: Iterable[str]) -> LetterGuard:
        """What a letters run from the desk must never replace: the batch's files, this
        workspace, and files the workspace did not record writing."""
        from gik_desk.services.letters import LetterGuard, recorded_letters

        if self.workspace is None:
            return LetterGuard(tuple(sources))
        recorded = recorded_letters(self.workspace.sent_letters().letters)
        return LetterGuard(tuple(sources), str(self.workspace.path), recorded)

    # ---- reviewer actions ----------------------------------------------------------------------
    def missing_reason(self, keys: Iterable[str], status: ReviewStatus) -> list[str]:
        """The keys ``status`` would leave without a reason (已排除/例外 need a note)."""
        if not status.needs_reason:
            return []
        return [k for k in keys if reason_problem(status, self.review(k).note)]

    def status_actions(
        self, keys: Iterable[str], status: ReviewStatus, reason: str = ""
    ) -> tuple[list[Action], str | None]:
        """What setting ``status`` takes: the notes that give findings without one the
        ``reason``, then the status change (one undo step for the caller). Refused, with the
        words why, when 已排除/例外 would leave a finding without a reason (issue 14)."""
        chosen = list(dict.fromkeys(keys))
        action = self.status_action(chosen, status)
        if action is None:
            return [], None
        lacking = self.missing_reason(chosen, status)
        problem = reason_problem(status, reason) if lacking else None
        if problem is not None:
            return [], problem
        assert self.workspace is not None  # status_action gave an action
        notes: list[Action] = [self._note_action(k, reason.strip()) for k in lacking]
        if notes and isinstance(action, SetStatus) and action.base is not None:
            # the notes are written first: the status is made on the versions they leave
            base = tuple(b + (k in lacking) for k, b in zip(action.keys, action.base, strict=True))
            action = replace(action, base=base)
        return [*notes, action], None

    def status_action(self, keys: Iterable[str], status: ReviewStatus) -> Action | None:
        if self.workspace is None:
            return None
        chosen = tuple(dict.fromkeys(keys))
        base = tuple(self._version("reviews", k) for k in chosen)
        before = tuple(self.review(k).status for k in chosen)
        action = SetStatus(chosen, before, status, base)
        if not action.keys or all(b is status for b in action.before):
            return None
        return action

    def note_problem(self, key: str, note: str) -> str | None:
        """Why ``note`` may not replace this finding's note (a reason emptied), or None."""
        return reason_problem(self.review(key).status, note)

    def report_state_action(self, report: Report, state: ReportState) -> Action | None:
        """The reviewer signs a report off; taking a sign-off back is the lead's
        (``ReopenReport``, issue 28): anyone else is refused with ``WorkspaceError``."""
        if self.workspace is None:
            return None
        from gik_desk.workspace import ReopenReport, report_key

        action = self.workspace.report_state_action(report_key(report), state)
        if action.before is action.after:
            return None
        if action.before is ReportState.DONE:
            self._require_lead("重新打开已完成的报告")
            return ReopenReport(action.report_key, state, action.base)
        return action

    def note_action(self, key: str, note: str) -> Action | None:
        if self.workspace is None:
            return None
        action = self._note_action(key, note)
        return action if action.before != action.after else None

    def _note_action(self, key: str, note: str) -> SetNote:
        """Built on the row's version and note (the last known ones out of reach)."""
        base = self._version("reviews", key)
        return SetNote(key, self.review(key).note, note, base)

    def outward(self, key: str) -> str:
        """A finding's outward text (对外意见, issue 17); "" without a workspace."""
        if self.workspace is None:
            return ""
        ws = self.workspace
        return self._read(("outward", key), lambda: ws.outward(key), "")

    def outward_action(self, key: str, text: str) -> Action | None:
        if self.workspace is None:
            return None
        action = self.workspace.outward_action(key, text)
        return action if action.before != action.after else None

    def add_annotation_action(
        self, report: Report, start: int, end: int, note: str, cell: str = ""
    ) -> Action | None:
        if self.workspace is None:
            return None
        from gik_desk.workspace import AddAnnotation, make_annotation

        annotation = make_annotation(report, start, end, note=note, cell=cell, author=self.reviewer)
        return AddAnnotation(annotation, base=0)

    def delete_annotation_action(self, annotation_id: str) -> Action | None:
        if self.workspace is None:
            return None
        from gik_desk.workspace import DeleteAnnotation

        for a in self.annotations():
            if a.id == annotation_id:
                return DeleteAnnotation(a, self._version("annotations", a.id))
        return None

    def annotation_note_action(self, annotation_id: str, note: str) -> Action | None:
        """Raises ``WorkspaceError`` for an annotation that is gone."""
        if self.workspace is None:
            return None
        try:
            action = self.workspace.annotation_note_action(annotation_id, note)
        except WorkspaceError as exc:
            self._gone(exc)
            action = self._offline_annotation_note(annotation_id, note)
        return action if action.before != action.after else None

    def _offline_annotation_note(self, annotation_id: str, note: str) -> EditAnnotationNote:
        was = next((a for a in self.annotations() if a.id == annotation_id), None)
        if was is None:
            raise WorkspaceError("unknown-annotation", f"找不到批注 {annotation_id}。")
        return EditAnnotationNote(
            annotation_id, was.note, note, self._version("annotations", was.id)
        )

    def current_version_action(self, report: Report) -> Action | None:
        """Mark ``report``'s version 现行版本."""
        if self.workspace is None:
            return None
        action = self.workspace.current_action(report)
        return action if action.before != action.after else None

    def version_message(self, batch: Batch, key: str) -> str:
        """What a 现行版本 mark (or its undo) of body+year ``key`` changed, in words: which
        file now counts, and how many of the reviewer's decisions sit on the versions that
        statistics and letters now leave out (issue 23)."""
        from gik_desk.workspace import body_year_key

        group = [r for r in batch.reports if body_year_key(r) == key]
        current = next((r for r in group if r.current), None)
        if current is None:
            return ""
        reviews = self.reviews()
        left = {r.id: r for r in group if not r.current}
        decided = [
            f
            for f in batch.findings
            if f.report_id in left
            and f.key in reviews
            and reviews[f.key].status is not ReviewStatus.PENDING
        ]
        body = f"{current.agency or ''}{current.year}年度报告"
        text = f"已将「{_file_name(current.source)}」标为现行版本({body})，统计和审核意见以它为准"
        if decided:
            files = "、".join(dict.fromkeys(_file_name(left[f.report_id].source) for f in decided))
            text += (
                f"；「{files}」上的 {len(decided)} 个审核决定不再计入统计和审核意见"
                "(仍保存在工作区，改回该版本即恢复)"
            )
        return text + "。"

    # ---- 整改复核 (issue 30) -----------------------------------------------------------------
    def record_letters(self, sent: Iterable[SentLetter]) -> list[int]:
        """Record letters just written as sent (each a new record, never an overwrite)."""
        if self.workspace is None:
            return []
        return [self.workspace.record_letter(letter, who=self.reviewer) for letter in sent]

    def sent_letters(self) -> list[SentLetter]:
        return list(self.workspace.sent_letters().letters) if self.workspace is not None else []

    def rectification(self, batch: Batch) -> list[BodyRectification]:
        """Every body's latest letter judged against ``batch``, with the reviewer's word."""
        if self.workspace is None:
            return []
        from gik_desk.services.rectification import rectification

        ws = self.workspace
        return rectification(batch, ws.sent_letters().letters, ws.rectification_decisions())

    def rectification_action(
        self, judgement: ItemJudgement, outcome: Outcome | None, note: str = ""
    ) -> Action | None:
        """Confirm (``outcome`` = the judged one) or override what became of an item;
        ``None`` withdraws the reviewer's word."""
        if self.workspace is None:
            return None
        action = self.workspace.rectification_action(judgement.key, outcome, note.strip())
        return action if action.before != action.after else None

    def keyed_values(self) -> list[KeyedValue]:
        return self.workspace.keyed_values() if self.workspace is not None else []

    def key_cell_action(self, report: Report, cell: str, text: str) -> Action | None:
        """Key ``text`` into ``report``'s unread ``cell`` (``table/row/col``; "" takes a keyed
        value back). None when nothing would change; ``ValueError`` when the text is not a
        figure or the cell was read from the file."""
        from gik_desk.services.keying import keyable, read_keyed
        from gik_desk.workspace import report_key

        if self.workspace is None:
            return None
        if text.strip() and read_keyed(text) is None:
            raise ValueError(f"“{text.strip()}”不是数字,未录入。")
        name, _, rest = cell.partition("/")
        row, _, col = rest.partition("/")
        table = report.tables.get(name)
        if table is None or not keyable(table.cells.get((row, col))):
            raise ValueError("这一格已从原文读出数字,不能录入。")
        action = self.workspace.key_cell_action(
            report_key(report), cell, report.source, report.file_sha256, text.strip()
        )
        return action if action.before != action.after else None

    # ---- a team's batch (issue 28): assignments, the lead, colleagues' changes -----------------
    def is_lead(self) -> bool:
        """May this reviewer assign and reopen signed-off reports (always, without a team)."""
        if self.workspace is None:
            return True
        return self._read("is_lead", self.workspace.is_lead, False)

    def _require_lead(self, what: str) -> None:
        from gik_desk.workspace import WorkspaceError

        if not self.is_lead():
            raise WorkspaceError("not-lead", f"只有组长可以{what}(当前审核人：{self.reviewer})。")

    def holders(self, reports: Iterable[Report]) -> dict[str, str]:
        """Who holds each report (report id → name; unassigned reports left out)."""
        if self.workspace is None:
            return {}
        from gik_desk.workspace import report_key
        from gik_desk.workspace.assignments import holder

        held: dict[str, str] = self._read("assignments", self.workspace.assignments, {})
        if not held:
            return {}
        out = {r.id: holder(held, report_key(r), r.agency_key or "") for r in reports}
        return {k: v for k, v in out.items() if v}

    def assigned_to_me(self, reports: Iterable[Report]) -> set[str]:
        """Ids of the reports this reviewer holds (the 分配给我 filter)."""
        me = self.reviewer
        return {rid for rid, who in self.holders(reports).items() if who == me}

    def reviewers_known(self) -> list[str]:
        """Names seen in the workspace's events and assignments (whom a lead may choose)."""
        if self.workspace is None:
            return []
        return self._read("reviewers_known", self.workspace.reviewers_known, [])

    def assign_action(
        self, reviewer: str, reports: Iterable[Report] = (), bodies: Iterable[str] = ()
    ) -> Action | None:
        """Give ``reports`` and whole ``bodies`` (agency keys) to ``reviewer`` ("" takes them
        back): one action; None when nothing would change; ``WorkspaceError`` unless lead."""
        if self.workspace is None:
            return None
        from gik_desk.workspace import report_key
        from gik_desk.workspace.assignments import body_target, report_target

        self._require_lead("分配报告")
        targets = [body_target(b) for b in bodies if b]
        targets += [report_target(report_key(r)) for r in reports]
        action = self.workspace.assign_action(targets, reviewer.strip())
        pairs = zip(action.before, action.after, strict=True)
        keep = [i for i, (b, a) in enumerate(pairs) if b != a]
        if not keep:
            return None
        return type(action)(
            tuple(action.targets[i] for i in keep),
            tuple(action.before[i] for i in keep),
            tuple(action.after[i] for i in keep),
        )

    def change_cursor(self) -> int:
        """Where a watcher starts: the newest event now (0 without a workspace)."""
        return self.workspace.change_cursor() if self.workspace is not None else 0

    def change_feed(self, cursor: int) -> ChangeFeed | None:
        """A feed of the log from ``cursor`` for a watcher thread (its own connection)."""
        from gik_desk.services.team import ChangeFeed

        return ChangeFeed(self.workspace, cursor) if self.workspace is not None else None

    def from_others(self, events: ChangeEvents) -> Changed:
        """What colleagues changed among ``events``: this session's own writes left out."""
        from gik_desk.workspace.assignments import merged

        return merged(t for eid, _who, t in events if eid not in self._own)

    def changes_since(self, cursor: int) -> tuple[int, Changed]:
        """Colleagues' changes after ``cursor`` read on this session's connection."""
        if self.workspace is None:
            return cursor, Changed()
        return self.workspace.changes_since(cursor, skip=self._own)

    def apply(self, action: ReviewerAction) -> Changed:
        """Write one action with its event row (one transaction) and say what it changed.

        Issue 28: ``ReviewConflict`` when a row changed since the action was made (nothing
        written, never silently); for a bulk action the rows without conflict are written
        first (``applied``: that action) and the conflicts raised. With the workspace out of
        reach (``offline``: why) the action is kept in the local journal and shown as applied
        here; ``reconnect`` applies it later under the same rule. A lead's action
        (``lead_only``: assigning, reopening) is refused to anyone else."""
        if self.workspace is None:
            return Changed()
        done = cast("Action", action)  # the workspace refuses (TypeError) any other kind
        if getattr(done, "lead_only", False):
            self._require_lead(done.text)
        if self.offline is not None:
            self._keep(done)
            return done.touches()
        try:
            self._apply_own(done)
        except ReviewConflict as exc:
            rest = cast("Action | None", exc.rest)
            if rest is not None:
                self._own.add(self.workspace.apply(rest, who=self.reviewer).id)
                exc.applied = rest
            raise
        except WorkspaceError as exc:
            if exc.code not in GONE:
                raise
            self.offline = exc
            self._keep(done)
        return done.touches()

    def _apply_own(self, action: Action) -> None:
        """Write ``action``; a conflict only with this reviewer's own later writes (an undo
        inside one step that changed a row twice: a reason and its status) is no colleague's
        change, so the action is written on the row's new version."""
        assert self.workspace is not None
        try:
            self._own.add(self.workspace.apply(action, who=self.reviewer).id)
        except ReviewConflict as exc:
            retry = cast("Action | None", exc.retry)
            mine = all(c.theirs.who == self.reviewer for c in exc.conflicts)
            if not (exc.conflicts and mine and retry is not None):
                raise
            self._own.add(self.workspace.apply(retry, who=self.reviewer).id)

    @staticmethod
    def touches(action: ReviewerAction) -> Changed:
        """What ``action`` touches (a face holds actions as ``ReviewerAction`` only)."""
        return cast("Action", action).touches()

    # ---- the local journal (issue 28) ----------------------------------------------------------
    def pending(self) -> list[Entry]:
        """Actions kept in the journal, not yet in the workspace (oldest first)."""
        return self.journal.entries() if self.journal is not None else []

    def _keep(self, action: Action) -> None:
        from gik_desk.workspace.anchors import now_iso
        from gik_desk.workspace.journal import Entry, new_id

        if self.journal is None:
            raise WorkspaceError("no-workspace", "未打开审核工作区。")
        try:
            self.journal.append(Entry(new_id(), now_iso(), self.reviewer, action))
        except OSError as exc:
            raise WorkspaceError(
                "journal",
                f"工作区无法访问，本地暂存也写不进「{self.journal.path}」({exc})：本次操作未保存。",
            ) from exc

    def probe(self) -> WorkspaceError | None:
        """Whether the workspace takes writes again (None) or why not: safe on a worker
        thread (it opens a connection of its own), so the desk retries off the UI thread."""
        if self.workspace is None:
            return None
        return self.workspace.reachable()

    def reconnect(self, *, probed: bool = False) -> Replayed:
        """Back online when the workspace takes writes (``probed``: a probe off the UI thread
        just said so; else probed here), then apply the journal (``replay``)."""
        if self.workspace is None:
            return Replayed()
        problem = None if probed else self.probe()
        if problem is None:
            try:
                self.workspace.reconnect()  # a team workspace's connection died with the server
            except WorkspaceError as exc:
                problem = exc
        if problem is not None:
            self.offline = problem
            return Replayed(offline=problem)
        self.offline = None
        return self.replay()

    def replay(self) -> Replayed:
        """Apply the journal in order under the conflict rule, each action with its id (the
        store skips ids already logged: a crash mid-replay applies none twice). An action
        refused because an earlier action of this journal moved its row (my own chain, not a
        colleague) is applied on the new version. Conflicts are returned (and leave the
        journal: the reviewer chooses); going out of reach again stops the replay."""
        if self.workspace is None or self.journal is None:
            return Replayed()
        from gik_desk.workspace.anchors import now_iso

        started = now_iso()
        applied = skipped = 0
        conflicts: list[ReviewConflict] = []
        changed: list[Touched] = []
        for entry in self.journal.entries():
            try:
                if self.workspace.logged(entry.id):  # a replay a crash cut short wrote it
                    skipped += 1
                    self.journal.drop([entry.id])
                    continue
                self._replay_one(entry, started)
            except ReviewConflict as exc:
                conflicts.append(exc)
                if exc.applied is not None:
                    changed.append(cast("Action", exc.applied).touches())
            except WorkspaceError as exc:
                if exc.code in GONE:
                    self.offline = exc
                    break
                conflicts.append(ReviewConflict(entry.action, (), message=exc.message))
            else:
                applied += 1
                changed.append(entry.action.touches())
            self.journal.drop([entry.id])
        return Replayed(applied, skipped, tuple(conflicts), self.offline, tuple(changed))

    def _replay_one(self, entry: Entry, started: str) -> None:
        assert self.workspace is not None
        ws = self.workspace
        try:
            self._own.add(ws.apply(entry.action, who=entry.who, action_id=entry.id).id)
        except ReviewConflict as exc:
            own = all(c.theirs.who == entry.who and c.theirs.when >= started for c in exc.conflicts)
            retry = cast("Action | None", exc.retry)
            if own and exc.conflicts and retry is not None:
                self._own.add(ws.apply(retry, who=entry.who, action_id=entry.id).id)
                return
            rest = cast("Action | None", exc.rest)
            if rest is not None:
                self._own.add(ws.apply(rest, who=entry.who, action_id=entry.id).id)
                exc.applied = rest
            raise

    def discard_pending(self) -> None:
        """The reviewer chose not to apply the journal: it is emptied."""
        if self.journal is not None:
            self.journal.drop(e.id for e in self.journal.entries())


def _with_pending(
    reviews: dict[str, FindingReview], pending: Sequence[Entry]
) -> dict[str, FindingReview]:
    """Statuses and notes as the journal's actions leave them: kept actions show as applied
    on this desk while the workspace is out of reach."""
    if not pending:
        return reviews
    out = dict(reviews)
    for entry in pending:
        a = entry.action
        sets: list[tuple[str, ReviewStatus | None, str | None]] = []
        if isinstance(a, SetStatus):
            sets = [(k, a.after, None) for k in a.keys]
        elif isinstance(a, RestoreStatuses):
            sets = [(k, s, None) for k, s in zip(a.keys, a.after, strict=True)]
        elif isinstance(a, SetNote):
            sets = [(a.key, None, a.after)]
        elif isinstance(a, ImportReview):
            sets = [(c.key, c.after_status, c.after_note) for c in a.changes]
        for key, status, note in sets:
            if key not in out:
                continue
            was = out[key]
            out[key] = replace(
                was,
                status=was.status if status is None else status,
                note=was.note if note is None else note,
                reviewer=entry.who,
                updated=entry.time,
            )
    return out


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]
