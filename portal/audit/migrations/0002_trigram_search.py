"""Substring search of the audit log ("who or what": the actor, the target, the customer) by
trigram indexes on PostgreSQL (see portal/trigram.py)."""

from django.db import migrations

from portal.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [trigram_indexes("audit_auditrecord", ["actor_label", "target", "customer_email"])]
