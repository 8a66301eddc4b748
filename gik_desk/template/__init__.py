"""THE one home of the national template: tables, rows, columns, official labels, matching.

Parser, rules, views and export all read labels and key order from here, never their own copies.
"""

from gik_desk.template.labels import match_active_row, match_app_row, normalise_label
from gik_desk.template.tables import (
    ACTIVE_BLOCKS,
    APP_COLS,
    APP_RESULT_ROWS,
    APP_ROWS,
    APPEAL_COLS,
    APPEAL_GROUPS,
    GENERATIONS,
    SECTION_KEYS,
    TABLE_NAMES,
    ActiveBlock,
    ColSpec,
    RowSpec,
    active_rows,
    app_rows,
    cell_label,
    col_label,
    generation_for_year,
    row_label,
    table_cols,
    table_rows,
)

__all__ = [
    "ACTIVE_BLOCKS",
    "APPEAL_COLS",
    "APPEAL_GROUPS",
    "APP_COLS",
    "APP_RESULT_ROWS",
    "APP_ROWS",
    "GENERATIONS",
    "SECTION_KEYS",
    "TABLE_NAMES",
    "ActiveBlock",
    "ColSpec",
    "RowSpec",
    "active_rows",
    "app_rows",
    "cell_label",
    "col_label",
    "generation_for_year",
    "match_active_row",
    "match_app_row",
    "normalise_label",
    "row_label",
    "table_cols",
    "table_rows",
]
