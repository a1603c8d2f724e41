from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models

from portal.accounts.invitations import AbstractInvitation, one_pending_invitation


class UserManager(BaseUserManager):
    """Users log in with their email address; there is no separate user name."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", User.Role.OWNER)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in: reseller staff (by role) or an end customer."""

    class Role(models.TextChoices):
        OWNER = "owner", "Owner"
        ADMIN = "admin", "Admin"
        SUPPORT = "support", "Support"
        CUSTOMER = "customer", "Customer"

    STAFF_ROLES = (Role.OWNER, Role.ADMIN, Role.SUPPORT)

    username = None
    email = models.EmailField("email address", max_length=255, unique=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.CUSTOMER)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email

    @property
    def is_reseller_staff(self) -> bool:
        return self.is_active and self.role in self.STAFF_ROLES


class LoginSession(models.Model):
    """One logged-in browser of a user, so sessions can be listed and ended."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="login_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-last_seen_at"]

    def __str__(self):
        return f"{self.user} from {self.ip_address or 'unknown address'}"


class StaffInvitation(AbstractInvitation):
    """An emailed link with which a staff member chooses a password: when invited, or later
    when an owner sends a fresh link. It leads to the set-password page."""

    lifetime_setting = "STAFF_INVITATION_DAYS"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="staff_invitations")

    class Meta(AbstractInvitation.Meta):
        constraints = [one_pending_invitation("user", name="one_pending_staff_invitation_per_user")]

    def __str__(self):
        return f"Set-password link for {self.user} ({self.get_status_display()})"
