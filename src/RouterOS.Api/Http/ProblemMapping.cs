using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using RouterOS.Api.Engine;

namespace RouterOS.Api.Http;

/// <summary>Turns the API's exceptions into problem details; anything else stays a plain 500.</summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            ApiProblemException api => api,
            EngineUnavailableException down => new EngineDownException(down.Message + "; nothing was changed"),
            EngineFailedException failed => new EngineErrorException(failed.Message),
            EngineRefusedException refused => new ConflictException("The engine refused", refused.Message),
            // The request's own limit: a whole configuration's is larger than other bodies' (BodyReader).
            Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                new PayloadTooLargeException(httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
                    ?? httpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Hosting.RouterApiOptions>>().Value.MaxRequestBodyBytes),
            // A parameter that does not bind (offset=eth0, take=99999999999): its message names it and echoes the value, cut short.
            Microsoft.AspNetCore.Http.BadHttpRequestException bad => new BadRequestException(bad.Message.Length <= 300 ? bad.Message : bad.Message[..299] + "…"),
            _ => null,
        };
        if (problem is null)
            return false;
        httpContext.Response.StatusCode = problem.Status;
        var details = new ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message };
        if (problem.Findings.Count > 0)
            // An array, a type the JSON context names: an extension is written by its run-time type,
            // and a list made by a collection expression is a type no context can name.
            details.Extensions["findings"] = problem.Findings.ToArray();
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }
}
