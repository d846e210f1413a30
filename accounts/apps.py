from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and newsletter"

    def ready(self):
        from accounts.backends import user_changed

        user = self.get_model("User")
        post_save.connect(user_changed, sender=user, dispatch_uid="cached-user-save")
        post_delete.connect(user_changed, sender=user, dispatch_uid="cached-user-delete")
