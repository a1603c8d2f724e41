"""Substring search of the customer list (email, first and last name) by trigram indexes on
PostgreSQL (see portal/trigram.py)."""

from django.db import migrations

from portal.trigram import trigram_indexes


class Migration(migrations.Migration):
    dependencies = [("customers", "0004_support_view")]

    operations = [trigram_indexes("customers_customer", ["email", "first_name", "last_name"])]
