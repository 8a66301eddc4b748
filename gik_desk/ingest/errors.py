"""The ingest problem codes and their Chinese messages, in one place so codes stay stable."""

from __future__ import annotations

from gik_desk.model import IngestError

MESSAGES: dict[str, str] = {
    "not-found": "找不到文件,请确认路径是否正确、文件是否已被移动或删除",
    "not-a-file": "这不是一个普通文件,请选择报告文件本身",
    "unreadable": "无法读取文件(可能被其他程序占用或没有权限),请关闭占用程序或复制到本地后重试",
    "empty-file": "文件是空的,没有任何内容,请确认是否下载或保存完整",
    "too-large": "文件过大,超过读取上限,请确认是否为年度报告文件,或拆分后再导入",
    "not-text": "文件不是可读的文本(含有二进制或无法识别的编码),请确认文件类型,或另存为 UTF-8 文本",
    "unsupported-format": "不支持的文件类型,请另存为 .txt、.html、.docx、.pdf 或 .xlsx 后再导入",
    "unsupported-doc": "旧版 Word(.doc)无法直接读取表格,请另存为 .docx",
    "corrupt-docx": "Word 文件(.docx)已损坏或不是有效的 Word 文件,请用 Word/WPS 打开后另存为 .docx",
    "corrupt-xlsx": "Excel 文件已损坏或无法读取,请用 Excel/WPS 打开后另存为 .xlsx",
    "unsafe-docx": "Word 文件中含有外部实体声明(DOCTYPE/ENTITY,可用于窃取本机文件),为安全起见"
    "拒绝读取;Word/WPS 保存的文件不会含有它,请索取正常文件",
    "zip-bomb": "压缩结构异常(解压后远大于原文件),为安全起见拒绝读取,请索取正常文件",
    "corrupt-pdf": "PDF 文件已损坏或无法解析,请重新下载,或用 PDF 阅读器打开后另存一份",
    "encrypted-pdf": "PDF 文件已加密(需要密码),请向来源单位索取未加密的文件",
    "scanned-pdf": "扫描件 PDF，没有可读取的文字层，需人工核对或 OCR",
    "empty-pdf": "PDF 中没有可读取的文字,请确认文件内容,需人工核对",
    "too-many-pages": "PDF 页数超过读取上限,请确认是否为年度报告文件",
    "html-too-deep": "网页的标签嵌套层级过深,无法安全解析,请在浏览器中打开后另存为文本(.txt)",
    "table-too-large": "文件中的表格行列数异常巨大(可能是损坏或恶意构造的合并单元格),已拒绝读取",
}


def ingest_error(code: str, detail: str = "", message: str | None = None) -> IngestError:
    """An ``IngestError`` with the stable message for ``code`` (or a more specific one)."""
    return IngestError(code, message or MESSAGES[code], detail)
