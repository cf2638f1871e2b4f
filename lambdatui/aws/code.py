"""What is deployed, as records: a function's package (zip or image) and its layers.

``CodeInfo`` is GetFunction read for the Code pane: a zip's presigned ``location`` (valid for
about ten minutes), ``CodeSha256`` (base64, as AWS sends it, the cache's key) and size, known
before any byte is downloaded; an image's URI, resolved digest and config (command, entry
point, working directory), which are shown and never pulled; the layers as GetFunction lists
them. ``LayerInfo`` is one layer version in full (GetLayerVersionByArn). ``Sink`` is where
``CodeCalls.download`` writes, so the gateway streams into whatever the caller keeps (the
store's cache) without knowing it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ._values import empty, frozen, strs

_LAYER_ARN = re.compile(
    r"^(?P<layer>arn:[^:]+:lambda:[^:]*:[^:]*:layer:(?P<name>[^:]+)):(?P<v>\d+)$"
)


class Sink(Protocol):
    """Anything bytes can be written to: an open file, the cache's incoming package."""

    def write(self, data: bytes, /) -> object: ...


@dataclass(frozen=True, slots=True)
class LayerRef:
    """A layer as GetFunction lists it: its version ARN and size (the rest: ``LayerInfo``)."""

    arn: str
    size: int
    name: str  # parsed from the ARN ("" if it is not a layer version ARN)
    version: int | None

    @classmethod
    def from_api(cls, item: Mapping[str, Any]) -> LayerRef:
        arn = str(item.get("Arn") or "")
        parsed = parse_layer_arn(arn)
        return cls(
            arn=arn,
            size=int(item.get("CodeSize") or 0),
            name=parsed[1] if parsed else "",
            version=parsed[2] if parsed else None,
        )


@dataclass(frozen=True, slots=True)
class ImageConfig:
    """A container image's run settings, as Lambda applies them (overrides included)."""

    command: tuple[str, ...]
    entry_point: tuple[str, ...]
    working_directory: str
    error: str  # Lambda could not read the image's config ("" normally)


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """One function version's deployed code (see the module docstring)."""

    function: str
    qualifier: str  # as asked ("" for unqualified: $LATEST)
    version: str  # the version it resolved to ("$LATEST", "3")
    package_type: str  # "Zip" | "Image"
    location: str  # presigned URL of the zip; "" for an image. Never shown: it is a credential
    repository_type: str  # "S3" | "ECR"
    sha256: str  # base64, as Lambda's CodeSha256
    size: int  # CodeSize (bytes of the zip; for an image, as Lambda reports it)
    image_uri: str
    resolved_image_uri: str  # image@sha256:digest
    image_config: ImageConfig | None
    layers: tuple[LayerRef, ...]
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @property
    def is_image(self) -> bool:
        return self.package_type == "Image"

    @property
    def revision_id(self) -> str:
        """The function's RevisionId when it was read: a deploy goes out with it."""
        return str((self.raw.get("Configuration") or {}).get("RevisionId") or "")

    @property
    def image_digest(self) -> str:
        """'sha256:…' of the resolved image; '' when unknown."""
        return self.resolved_image_uri.rpartition("@")[2] if "@" in self.resolved_image_uri else ""

    @classmethod
    def from_api(cls, reply: Mapping[str, Any], function: str, qualifier: str = "") -> CodeInfo:
        config = reply.get("Configuration") or {}
        code = reply.get("Code") or {}
        image = config.get("ImageConfigResponse")
        image_config = None
        if image is not None:
            settings = image.get("ImageConfig") or {}
            problem = image.get("Error") or {}
            image_config = ImageConfig(
                command=strs(settings.get("Command")),
                entry_point=strs(settings.get("EntryPoint")),
                working_directory=str(settings.get("WorkingDirectory") or ""),
                error=": ".join(
                    str(p) for p in (problem.get("ErrorCode"), problem.get("Message")) if p
                ),
            )
        return cls(
            function=str(config.get("FunctionName") or function),
            qualifier=qualifier,
            version=str(config.get("Version") or "$LATEST"),
            package_type=str(config.get("PackageType") or "Zip"),
            location=str(code.get("Location") or ""),
            repository_type=str(code.get("RepositoryType") or ""),
            sha256=str(config.get("CodeSha256") or ""),
            size=int(config.get("CodeSize") or 0),
            image_uri=str(code.get("ImageUri") or ""),
            resolved_image_uri=str(code.get("ResolvedImageUri") or ""),
            image_config=image_config,
            layers=tuple(LayerRef.from_api(item) for item in config.get("Layers") or ()),
            raw=frozen(reply),
        )


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """One layer version (GetLayerVersionByArn / GetLayerVersion)."""

    arn: str  # the version's ARN
    layer_arn: str
    name: str
    version: int
    description: str
    size: int
    sha256: str  # base64
    location: str  # presigned URL of its zip; never shown
    compatible_runtimes: tuple[str, ...]
    compatible_architectures: tuple[str, ...]
    created: str
    license: str
    raw: Mapping[str, Any] = field(default_factory=empty, repr=False, compare=False)

    @classmethod
    def from_api(cls, reply: Mapping[str, Any]) -> LayerInfo:
        content = reply.get("Content") or {}
        arn = str(reply.get("LayerVersionArn") or "")
        parsed = parse_layer_arn(arn)
        return cls(
            arn=arn,
            layer_arn=str(reply.get("LayerArn") or (parsed[0] if parsed else "")),
            name=parsed[1] if parsed else "",
            version=int(reply.get("Version") or (parsed[2] if parsed else 0)),
            description=str(reply.get("Description") or ""),
            size=int(content.get("CodeSize") or 0),
            sha256=str(content.get("CodeSha256") or ""),
            location=str(content.get("Location") or ""),
            compatible_runtimes=strs(reply.get("CompatibleRuntimes")),
            compatible_architectures=strs(reply.get("CompatibleArchitectures")),
            created=str(reply.get("CreatedDate") or ""),
            license=str(reply.get("LicenseInfo") or ""),
            raw=frozen(reply),
        )


def parse_layer_arn(arn: str) -> tuple[str, str, int] | None:
    """(layer ARN, layer name, version) of a layer version ARN; None if it is not one."""
    found = _LAYER_ARN.match(arn)
    if found is None:
        return None
    return found["layer"], found["name"], int(found["v"])


@dataclass(frozen=True, slots=True)
class Deployed:
    """A package deployed by ``DeployCalls.deploy_code``, as the function reads back once
    Lambda reports the update Successful."""

    function: str
    previous_sha256: str  # base64 CodeSha256 before the deploy ("" if unknown)
    sha256: str  # base64 CodeSha256 now (the package sent)
    size: int  # CodeSize now
    revision_id: str  # the function's RevisionId after the update
    version: str  # the version published ("" when none was asked for)
    #: True when the reply was lost and the function was read back to learn it had applied
    recovered: bool = False
