"""GIK Desk 政府信息公开年报审核台: an offline auditor of information-disclosure annual reports."""

__version__ = "0.1.0"
