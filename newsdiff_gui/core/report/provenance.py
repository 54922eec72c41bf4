"""Provenance of a comparison: which captures we hold, and how a reader can verify them."""

from __future__ import annotations

import dataclasses
from datetime import datetime

from newsdiff_gui import __version__
from newsdiff_gui.core.align.model import AlignOptions
from newsdiff_gui.core.report.build import outlet_of
from newsdiff_gui.core.report.model import Provenance, SignerIdentity, SourceInfo
from newsdiff_gui.core.store.models import Article, StoredVersion


def version_source(version: StoredVersion) -> SourceInfo:
    return SourceInfo(
        label=f"Version {version.number}",
        number=version.number,
        captured_at=version.captured_at,
        sha256=version.sha256,
        size=version.raw_size,
        http_status=version.http_status,
        url=version.final_url,
        source=version.source.value,
        extractor=f"{version.extractor} {version.extractor_version}",
    )


def option_fields(options: AlignOptions) -> tuple[tuple[str, str], ...]:
    """Every alignment setting by name: a reader re-running the diff needs all of them
    (the thread count is left out: it changes the speed, never the result)."""
    return tuple(
        (field.name, str(getattr(options, field.name)))
        for field in dataclasses.fields(options)
        if field.name != "workers"
    )


def provenance(
    *,
    article_url: str | None,
    old: SourceInfo,
    new: SourceInfo,
    options: AlignOptions,
    exported_at: datetime,
    signing_key: SignerIdentity | None = None,
    evidence: tuple[tuple[str, str], ...] = (),
) -> Provenance:
    return Provenance(
        article_url=article_url,
        outlet=outlet_of(article_url),
        old=old,
        new=new,
        app_version=__version__,
        align_options=option_fields(options),
        exported_at=exported_at,
        signing_key=signing_key,
        evidence=evidence,
    )


def version_provenance(
    article: Article,
    old: StoredVersion,
    new: StoredVersion,
    options: AlignOptions,
    exported_at: datetime,
    signing_key: SignerIdentity | None = None,
    evidence: tuple[tuple[str, str], ...] = (),
) -> Provenance:
    return provenance(
        article_url=article.url,
        old=version_source(old),
        new=version_source(new),
        options=options,
        exported_at=exported_at,
        signing_key=signing_key,
        evidence=evidence,
    )
