"""A returned review workbook read back (issue 16): its 问题清单 rows matched to findings by the
hidden 问题键 and 校验码, set against a workspace's reviews as one undoable import. Reading
input is not export: this package sits above ``export`` (whose column names it reads) and
below the door, ``gik_desk.services``, which loads it on first use."""
