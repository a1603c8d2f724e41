from django.contrib import admin, messages

from portal.audit.services import Actor
from portal.customers.invitations import cancel_invitation, resend_invitation
from portal.customers.models import Customer, Invitation
from portal.customers.services import MIRRORED_FIELDS
from portal.customers.support_models import SupportView


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "first_name",
        "last_name",
        "brand",
        "is_active",
        "is_signed_up",
        "quota_gb",
        "storage_used_bytes",
        "synced_at",
    ]
    list_filter = ["is_active", "is_signed_up", "brand"]
    search_fields = ["email", "first_name", "last_name"]
    list_select_related = ["brand"]
    # These mirror e2, which only the consoles change (audited, through the services); an
    # edit here would make the portal believe something e2 does not hold.
    readonly_fields = ["email", *MIRRORED_FIELDS, "created_at"]
    raw_id_fields = ["user"]
    actions = ["sync_now"]

    def has_add_permission(self, request):
        # Customers are created at e2 first, from the reseller console.
        return False

    @admin.action(description="Sync usage of the selected customers now")
    def sync_now(self, request, queryset):
        from portal.usage.services import sync_customers_now

        sync_customers_now(list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"Usage sync queued for {queryset.count()} customers.")


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "brand", "status", "expires_at", "sent_count", "created_at"]
    list_filter = ["status", "brand"]
    search_fields = ["email", "first_name", "last_name"]
    readonly_fields = ["token_hash", "sent_count", "customer", "created_at", "updated_at"]
    exclude = []
    actions = ["resend", "cancel"]

    def get_readonly_fields(self, request, obj=None):
        # The token hash is shown as set, never as its value.
        return [field for field in self.readonly_fields if field != "token_hash"]

    def get_exclude(self, request, obj=None):
        return ["token_hash"]

    @admin.action(description="Resend the selected pending invitations")
    def resend(self, request, queryset):
        actor = Actor.from_request(request)
        pending = queryset.filter(status=Invitation.Status.PENDING)
        for invitation in pending:
            resend_invitation(actor, invitation)
        self.message_user(request, f"{pending.count()} invitations sent again.", messages.SUCCESS)

    @admin.action(description="Withdraw the selected pending invitations")
    def cancel(self, request, queryset):
        actor = Actor.from_request(request)
        for invitation in queryset.filter(status=Invitation.Status.PENDING):
            cancel_invitation(actor, invitation)


@admin.register(SupportView)
class SupportViewAdmin(admin.ModelAdmin):
    """Staff "view as customer" sessions: a record of who looked at whom; read-only. The link's
    token is kept only as a hash and is not shown."""

    list_display = ["customer", "staff", "host", "started_at", "ended_at", "end_reason"]
    list_filter = ["end_reason"]
    search_fields = ["customer__email", "staff__email"]
    list_select_related = ["customer", "staff"]
    exclude = ["token_hash", "session_key"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
