"""the year: approved versions, amendments, provisional links, approval prompts, nudges

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.add_column(sa.Column('amend_scope', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    with op.batch_alter_table('skpitem', schema=None) as batch_op:
        batch_op.add_column(sa.Column('provisional', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('relink', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('removed', sa.Boolean(), nullable=False, server_default=sa.false()))

    op.create_table('skpversion',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('approved_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('on_behalf_of', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('penilai_id', sa.Integer(), nullable=True),
    sa.Column('items', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['employee.id'], ),
    sa.ForeignKeyConstraint(['penilai_id'], ['employee.id'], ),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('skp_id', 'number')
    )
    with op.batch_alter_table('skpversion', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skpversion_skp_id'), ['skp_id'], unique=False)

    op.create_table('approvalprompt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('skp_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('text', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default=''),
    sa.Column('sent_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['skp_id'], ['skp.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('approvalprompt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvalprompt_skp_id'), ['skp_id'], unique=False)

    op.create_table('nudge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('employee_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['by_id'], ['employee.id'], ),
    sa.ForeignKeyConstraint(['employee_id'], ['employee.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('employee_id', 'day')
    )
    with op.batch_alter_table('nudge', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_nudge_employee_id'), ['employee_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('nudge', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_nudge_employee_id'))
    op.drop_table('nudge')
    with op.batch_alter_table('approvalprompt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_approvalprompt_skp_id'))
    op.drop_table('approvalprompt')
    with op.batch_alter_table('skpversion', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skpversion_skp_id'))
    op.drop_table('skpversion')
    with op.batch_alter_table('skpitem', schema=None) as batch_op:
        batch_op.drop_column('removed')
        batch_op.drop_column('relink')
        batch_op.drop_column('provisional')
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.drop_column('amend_scope')
