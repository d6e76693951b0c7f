"""activation codes expire; failed activation attempts are counted per NIP too

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 09:00:00

Codes issued before this revision were stored as unsalted SHA-256 and never expired: the unused
ones get an expiry `LEGACY_CODE_DAYS` days after the upgrade (handouts in circulation keep
working for a while; `skp-bot activation-codes --renew` replaces them with scrypt-hashed codes).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

LEGACY_CODE_DAYS = 30


def upgrade() -> None:
    op.create_table(
        'nipattempt',
        sa.Column('nip', sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False, server_default='0'),
        sa.Column('last_failure_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column('locked_until', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint('nip'),
    )
    with op.batch_alter_table('activationcode', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True))
    expires = dt.datetime.now(dt.UTC) + dt.timedelta(days=LEGACY_CODE_DAYS)
    codes = sa.table('activationcode', sa.column('used_at'), sa.column('expires_at', sqlmodel.sql.sqltypes.UTCDateTime()))
    op.execute(codes.update().where(codes.c.used_at.is_(None)).values(expires_at=expires))


def downgrade() -> None:
    with op.batch_alter_table('activationcode', schema=None) as batch_op:
        batch_op.drop_column('expires_at')
    op.drop_table('nipattempt')
