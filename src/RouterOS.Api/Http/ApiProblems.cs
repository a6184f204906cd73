using RouterOS.Domain.Verification;

namespace RouterOS.Api.Http;

/// <summary>
/// Failures the endpoints report as RFC 9457 problem details. Services throw these; one handler
/// (<see cref="ProblemMapping"/>) turns each into its status code, so every endpoint answers alike.
/// </summary>
public abstract class ApiProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    /// <summary>Findings with their configuration paths, when the problem is about the configuration.</summary>
    public IReadOnlyList<ConfigFinding> Findings { get; init; } = [];
}

/// <summary>400: the request could not be read (malformed JSON, a broken value, an unknown field).</summary>
public sealed class BadRequestException : ApiProblemException
{
    public BadRequestException(ConfigFinding finding)
        : base(StatusCodes.Status400BadRequest, "The request could not be read", finding.Path.Length > 0 ? $"{finding.Path}: {finding.Message}" : finding.Message) =>
        Findings = [finding];

    public BadRequestException(string detail) : base(StatusCodes.Status400BadRequest, "The request could not be read", detail) { }
}

/// <summary>404.</summary>
public sealed class NotFoundException(string detail) : ApiProblemException(StatusCodes.Status404NotFound, "Not found", detail);

/// <summary>409: the request conflicts with the router's state (a commit awaits confirmation, nothing to commit).</summary>
public sealed class ConflictException(string title, string detail) : ApiProblemException(StatusCodes.Status409Conflict, title, detail);

/// <summary>412: the candidate changed since the client read it (If-Match did not match its ETag).</summary>
public sealed class PreconditionFailedException(string detail) : ApiProblemException(StatusCodes.Status412PreconditionFailed, "The candidate has changed", detail);

/// <summary>422: the configuration breaks verify's rules; every error is listed with its path.</summary>
public sealed class ConfigInvalidException : ApiProblemException
{
    public ConfigInvalidException(IReadOnlyList<ConfigFinding> findings)
        : base(StatusCodes.Status422UnprocessableEntity, "The configuration is not valid",
            $"{findings.Count(f => f.Severity == Severity.Error)} error(s); see findings") => Findings = findings;

    public ConfigInvalidException(string title, string detail, IReadOnlyList<ConfigFinding> findings)
        : base(StatusCodes.Status422UnprocessableEntity, title, detail) => Findings = findings;
}

/// <summary>503: the engine cannot be reached, so nothing was changed.</summary>
public sealed class EngineDownException(string detail) : ApiProblemException(StatusCodes.Status503ServiceUnavailable, "The engine is not reachable", detail);

/// <summary>413: the body is larger than the configured limit.</summary>
public sealed class PayloadTooLargeException(long limit)
    : ApiProblemException(StatusCodes.Status413PayloadTooLarge, "The request body is too large", $"the request body exceeds the limit of {limit} bytes");

/// <summary>502: the engine was reached but failed.</summary>
public sealed class EngineErrorException(string detail) : ApiProblemException(StatusCodes.Status502BadGateway, "The engine failed", detail);

/// <summary>413 with the reason in words (an upgrade bundle larger than the engine takes).</summary>
public sealed class TooLargeException(string detail) : ApiProblemException(StatusCodes.Status413PayloadTooLarge, "The request body is too large", detail);

/// <summary>422: an upgrade bundle or a backup was refused for the reason given; nothing was changed.</summary>
public sealed class RefusedException(string title, string detail) : ApiProblemException(StatusCodes.Status422UnprocessableEntity, title, detail);
