"""Lambda's own error codes (the API model's error shapes), as the user should read them.

Each code belongs to a family, which ``errors`` turns into a titled ``GatewayError`` class,
with a sentence saying what happened and the next step. AWS's own message follows the
sentence. A code missing here still reaches the user, as "lambda:Invoke failed (Code)";
``tests/aws/test_errors.py`` checks that every error shape of the SDK's model is here or
in ``errors``' own tables.
"""

from __future__ import annotations

from typing import NamedTuple

# Families: one titled class each (see errors.LAMBDA_FAMILIES).
QUOTA = "quota"
CONFLICT = "conflict"
NOT_READY = "not_ready"
SETUP = "setup"
INVALID = "invalid"
NOT_FOUND = "not_found"
SERVICE = "service"


class LambdaError(NamedTuple):
    family: str
    sentence: str  # what happened, for the user
    hint: str = ""  # the next step


_WAIT_ACTIVE = "Wait until the function's State is Active, then try again (r)."
_FILE_SYSTEM = "Check the file system's access point, mount targets and the function's role."
_VPC = "Check the function's VPC subnets, security groups and the role's EC2 permissions."
_KMS = "Check the function's KMS key and the role's kms:Decrypt permission."
_SNAPSTART = "Look at the function's logs (l) for the restore hook's output."
_QUOTA = "See Lambda's quotas in Service Quotas; ask for an increase or lower the value."

LAMBDA_ERRORS: dict[str, LambdaError] = {
    # -- new in 2025: Managed Instances, durable and tenant-isolated functions, S3 Files
    "NoPublishedVersionException": LambdaError(
        NOT_FOUND,
        "The function has no published version to run.",
        "Publish a version, then invoke it (or an alias, or $LATEST.PUBLISHED).",
    ),
    "DurableExecutionAlreadyStartedException": LambdaError(
        CONFLICT,
        "A durable execution with this name was already started for the function.",
        "Give the execution another name, or none to let Lambda name it.",
    ),
    "ServiceQuotaExceededException": LambdaError(
        QUOTA, "The request would exceed a Lambda service quota.", _QUOTA
    ),
    "CapacityProviderLimitExceededException": LambdaError(
        QUOTA, "The account has as many capacity providers as it may have.", _QUOTA
    ),
    "FunctionVersionsPerCapacityProviderLimitExceededException": LambdaError(
        QUOTA,
        "The capacity provider already holds as many function versions as it may.",
        "Delete versions you no longer need from it, or use another capacity provider.",
    ),
    "CallbackTimeoutException": LambdaError(
        INVALID,
        "The durable execution's callback has expired or was already closed.",
    ),
    "S3FilesMountConnectivityException": LambdaError(
        SETUP, "Lambda could not connect to the function's S3 Files access point.", _FILE_SYSTEM
    ),
    "S3FilesMountFailureException": LambdaError(
        SETUP, "Lambda could not mount the function's S3 Files access point.", _FILE_SYSTEM
    ),
    "S3FilesMountTimeoutException": LambdaError(
        SETUP, "Mounting the function's S3 Files access point timed out.", _FILE_SYSTEM
    ),
    "SerializedRequestEntityTooLargeException": LambdaError(
        INVALID, "The request is larger than Lambda accepts.", "Send a smaller payload."
    ),
    # -- the function cannot run yet
    "ResourceNotReadyException": LambdaError(
        NOT_READY, "The function is inactive: its VPC connection is being restored.", _WAIT_ACTIVE
    ),
    "SnapStartNotReadyException": LambdaError(
        NOT_READY, "Lambda is still initializing the function's SnapStart snapshot.", _WAIT_ACTIVE
    ),
    "CodeArtifactUserPendingException": LambdaError(
        NOT_READY, "The function's code artifact user is still being provisioned.", _WAIT_ACTIVE
    ),
    "ENINotReadyException": LambdaError(
        NOT_READY, "The function's VPC network interface is not ready yet.", _WAIT_ACTIVE
    ),
    # -- the function's environment could not be set up
    "EFSIOException": LambdaError(
        SETUP, "Reading or writing the function's EFS file system failed.", _FILE_SYSTEM
    ),
    "EFSMountConnectivityException": LambdaError(
        SETUP, "Lambda could not connect to the function's EFS file system.", _FILE_SYSTEM
    ),
    "EFSMountFailureException": LambdaError(
        SETUP, "Lambda could not mount the function's EFS file system.", _FILE_SYSTEM
    ),
    "EFSMountTimeoutException": LambdaError(
        SETUP, "Mounting the function's EFS file system timed out.", _FILE_SYSTEM
    ),
    "EC2AccessDeniedException": LambdaError(
        SETUP, "Lambda was denied the EC2 calls that connect the function to its VPC.", _VPC
    ),
    "EC2ThrottledException": LambdaError(
        SETUP, "EC2 throttled Lambda while connecting the function to its VPC.", _VPC
    ),
    "EC2UnexpectedException": LambdaError(
        SETUP, "EC2 failed while Lambda connected the function to its VPC.", _VPC
    ),
    "ENILimitReachedException": LambdaError(
        SETUP, "The VPC has no room for another network interface for the function.", _VPC
    ),
    "SubnetIPAddressLimitReachedException": LambdaError(
        SETUP, "A subnet of the function has no free IP address.", _VPC
    ),
    "InvalidSubnetIDException": LambdaError(SETUP, "A subnet of the function is not valid.", _VPC),
    "InvalidSecurityGroupIDException": LambdaError(
        SETUP, "A security group of the function is not valid.", _VPC
    ),
    "KMSAccessDeniedException": LambdaError(
        SETUP, "Lambda could not decrypt the environment variables: KMS denied it.", _KMS
    ),
    "KMSDisabledException": LambdaError(
        SETUP, "Lambda could not decrypt the environment variables: the key is disabled.", _KMS
    ),
    "KMSInvalidStateException": LambdaError(
        SETUP, "Lambda could not decrypt the environment variables: the key's state.", _KMS
    ),
    "KMSNotFoundException": LambdaError(
        SETUP, "Lambda could not decrypt the environment variables: no such key.", _KMS
    ),
    "SnapStartException": LambdaError(
        SETUP, "The function's afterRestore() runtime hook failed.", _SNAPSTART
    ),
    "SnapStartTimeoutException": LambdaError(
        SETUP, "Lambda could not restore the function's snapshot in time.", _SNAPSTART
    ),
    "SnapStartRegenerationFailureException": LambdaError(
        SETUP, "Lambda could not regenerate the function's SnapStart snapshot.", _SNAPSTART
    ),
    "InvalidRuntimeException": LambdaError(
        SETUP,
        "The function's runtime or runtime version is not supported.",
        "Update the function to a supported runtime.",
    ),
    "InvalidZipFileException": LambdaError(
        SETUP, "Lambda could not unzip the function's deployment package.", "Deploy it again."
    ),
    "CodeArtifactUserDeletedException": LambdaError(
        SETUP, "The function's code artifact user was deleted.", _WAIT_ACTIVE
    ),
    "CodeArtifactUserFailedException": LambdaError(
        SETUP,
        "Provisioning the function's code artifact user failed.",
        "Update the function's code package.",
    ),
    # -- what was asked cannot be done
    "RecursiveInvocationException": LambdaError(
        INVALID,
        "Lambda stopped the invocation: the function is in a recursive loop.",
        "Break the loop, or change the function's recursive loop detection.",
    ),
    "ModeNotSupportedException": LambdaError(
        INVALID,
        "The function does not support this invocation mode.",
        "Try another invocation type (ctrl+t).",
    ),
    "UnsupportedMediaTypeException": LambdaError(INVALID, "The payload is not JSON."),
    "CodeVerificationFailedException": LambdaError(
        INVALID, "The code's signature failed its checks (the policy enforces them)."
    ),
    "InvalidCodeSignatureException": LambdaError(
        INVALID, "The code's signature failed its integrity check."
    ),
    "PublicPolicyException": LambdaError(
        INVALID, "The policy would make the function public, which is not allowed."
    ),
    "CodeStorageExceededException": LambdaError(
        QUOTA, "The account's code storage is full.", "Delete old versions or layers."
    ),
    "AliasLimitExceededException": LambdaError(
        QUOTA, "The function has as many aliases as it may have.", _QUOTA
    ),
    "PolicyLengthExceededException": LambdaError(
        QUOTA, "The function's resource policy would be too large.", _QUOTA
    ),
    "ResourceConflictException": LambdaError(
        CONFLICT,
        "Another operation on the function is in progress.",
        "Wait for it to finish, then try again (r).",
    ),
    "ResourceInUseException": LambdaError(
        CONFLICT, "The resource is busy with another operation.", "Try again in a moment (r)."
    ),
    "PreconditionFailedException": LambdaError(
        CONFLICT,
        "The function changed since it was read: nothing was overwritten.",
        "Read it again (r) and repeat the change.",
    ),
    "CodeSigningConfigNotFoundException": LambdaError(
        NOT_FOUND, "The code signing configuration does not exist."
    ),
    "ProvisionedConcurrencyConfigNotFoundException": LambdaError(
        NOT_FOUND, "No provisioned concurrency is configured there."
    ),
    "ServiceException": LambdaError(
        SERVICE, "Lambda had an internal error.", "Try again in a moment (r)."
    ),
}
