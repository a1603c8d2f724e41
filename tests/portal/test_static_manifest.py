"""The production build refuses a static file that names a missing one, and the vendored
files name none: what CI's production-path step relies on."""

import shutil

import pytest
from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from django.core.management import call_command

from portal.settings import BASE_DIR


def collect(settings, tmp_path, source):
    settings.STATICFILES_DIRS = [source]
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", "--noinput", verbosity=0)


def test_a_file_naming_a_missing_source_map_fails_the_build(settings, tmp_path):
    source = tmp_path / "static"
    source.mkdir()
    (source / "app.css").write_text("body{}\n/*# sourceMappingURL=app.css.map */\n")

    with pytest.raises(ValueError, match=r"app\.css\.map"):
        collect(settings, tmp_path, source)


def test_the_portals_own_static_files_build_with_the_manifest(settings, tmp_path):
    source = tmp_path / "static"
    shutil.copytree(BASE_DIR / "static", source)

    collect(settings, tmp_path, source)

    manifest = ManifestStaticFilesStorage(location=settings.STATIC_ROOT)
    assert manifest.stored_name("vendor/tabler/tabler.min.css") != "vendor/tabler/tabler.min.css"
