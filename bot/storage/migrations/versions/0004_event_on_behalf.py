"""SKP events record an admin acting for a penilai outside the roster

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('skpevent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('actor_telegram_id', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('on_behalf_of', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('skpevent', schema=None) as batch_op:
        batch_op.drop_column('on_behalf_of')
        batch_op.drop_column('actor_telegram_id')
