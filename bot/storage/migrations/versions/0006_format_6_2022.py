"""PermenPANRB 6/2022: pendekatan and tanggal penetapan per SKP, perspektif and penugasan per item,
descriptive targets, lampiran, ekspektasi khusus (team and per SKP), Matriks Peran-Hasil plans

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('pendekatan', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='kuantitatif')
        )
        batch_op.add_column(sa.Column('tanggal_penetapan', sa.Date(), nullable=True))
    with op.batch_alter_table('skpitem', schema=None) as batch_op:
        batch_op.add_column(sa.Column('perspektif', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column('penugasan_dari', sqlmodel.sql.sqltypes.AutoString(), nullable=True))
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_text', sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    op.create_table(
        'skplampiran',
        sa.Column('skp_id', sa.Integer(), nullable=False),
        sa.Column('dukungan_sumber_daya', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('skema_pertanggungjawaban', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('konsekuensi', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['skp_id'], ['skp.id']),
        sa.PrimaryKeyConstraint('skp_id'),
    )
    op.create_table(
        'skpekspektasi',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('skp_id', sa.Integer(), nullable=False),
        sa.Column('nilai', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('teks', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['skp_id'], ['skp.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('skp_id', 'nilai'),
    )
    with op.batch_alter_table('skpekspektasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_skpekspektasi_skp_id'), ['skp_id'], unique=False)
    op.create_table(
        'teamekspektasi',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('penilai_id', sa.Integer(), nullable=False),
        sa.Column('period_id', sa.Integer(), nullable=False),
        sa.Column('nilai', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('teks', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(['period_id'], ['period.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('penilai_id', 'period_id', 'nilai'),
    )
    with op.batch_alter_table('teamekspektasi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teamekspektasi_penilai_id'), ['penilai_id'], unique=False)
    op.create_table(
        'matrixplan',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('parent_item_id', sa.Integer(), nullable=False),
        sa.Column('employee_id', sa.Integer(), nullable=False),
        sa.Column('teks', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(['employee_id'], ['employee.id']),
        sa.ForeignKeyConstraint(['parent_item_id'], ['skpitem.id']),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('parent_item_id', 'employee_id'),
    )
    with op.batch_alter_table('matrixplan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_matrixplan_employee_id'), ['employee_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_matrixplan_parent_item_id'), ['parent_item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('matrixplan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_matrixplan_parent_item_id'))
        batch_op.drop_index(batch_op.f('ix_matrixplan_employee_id'))
    op.drop_table('matrixplan')
    with op.batch_alter_table('teamekspektasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teamekspektasi_penilai_id'))
    op.drop_table('teamekspektasi')
    with op.batch_alter_table('skpekspektasi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_skpekspektasi_skp_id'))
    op.drop_table('skpekspektasi')
    op.drop_table('skplampiran')
    with op.batch_alter_table('indicator', schema=None) as batch_op:
        batch_op.drop_column('target_text')
    with op.batch_alter_table('skpitem', schema=None) as batch_op:
        batch_op.drop_column('penugasan_dari')
        batch_op.drop_column('perspektif')
    with op.batch_alter_table('skp', schema=None) as batch_op:
        batch_op.drop_column('tanggal_penetapan')
        batch_op.drop_column('pendekatan')
