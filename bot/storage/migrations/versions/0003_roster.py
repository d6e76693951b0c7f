"""roster: employee OPD (perangkat daerah), active flag and left_at for leavers

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 09:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opd', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('active', sa.Boolean(), nullable=False, server_default=sa.true()))
        batch_op.add_column(sa.Column('left_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
        batch_op.create_index(batch_op.f('ix_employee_opd'), ['opd'], unique=False)
    # Rows imported before: their OPD is the unit kerja itself (the roster had no OPD column).
    op.execute("UPDATE employee SET opd = unit_kerja WHERE opd = ''")


def downgrade() -> None:
    with op.batch_alter_table('employee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employee_opd'))
        batch_op.drop_column('left_at')
        batch_op.drop_column('active')
        batch_op.drop_column('opd')
