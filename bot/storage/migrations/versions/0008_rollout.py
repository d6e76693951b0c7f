"""roll-out: penilai outside the roster with an account of their own; the admin audit log

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'externalpenilai',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('nama', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('jabatan', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('kode', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('code_hash', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column('code_created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('telegram_id', sa.BigInteger(), nullable=True),
        sa.Column('chat_id', sa.BigInteger(), nullable=True),
        sa.Column('linked_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('kode'),
        sa.UniqueConstraint('nama'),
    )
    with op.batch_alter_table('externalpenilai', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_externalpenilai_telegram_id'), ['telegram_id'], unique=True)
    op.create_table(
        'auditentry',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auditentry_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_auditentry_at'), ['at'], unique=False)
    with op.batch_alter_table('skpevent', schema=None) as batch_op:
        batch_op.add_column(sa.Column('external_penilai_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            'fk_skpevent_external_penilai_id', 'externalpenilai', ['external_penilai_id'], ['id']
        )


def downgrade() -> None:
    with op.batch_alter_table('skpevent', schema=None) as batch_op:
        batch_op.drop_constraint('fk_skpevent_external_penilai_id', type_='foreignkey')
        batch_op.drop_column('external_penilai_id')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auditentry_at'))
        batch_op.drop_index(batch_op.f('ix_auditentry_action'))
    op.drop_table('auditentry')
    with op.batch_alter_table('externalpenilai', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_externalpenilai_telegram_id'))
    op.drop_table('externalpenilai')
