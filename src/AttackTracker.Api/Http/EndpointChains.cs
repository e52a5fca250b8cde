using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace AttackTracker.Api.Http;

public static class EndpointChains
{
    /// <summary>
    /// Runs the endpoint's request reader first in the chain, and stops with its IResult unless it
    /// is <see cref="WolverineContinue"/>. Wolverine puts an endpoint's own Load/Before methods after
    /// the aggregate workflow's load, which for a write takes the stream's lock: reading and
    /// validating first means a request with a bad header or body never touches the store.
    /// </summary>
    public static HttpChain ReadsRequestFirst(this HttpChain chain, Type endpoint, string method)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var read = new MethodCall(endpoint, method);
        var result = read.Creates.Single(v => v.VariableType == typeof(IResult));
        chain.Middleware.InsertRange(0, [read, new MaybeEndWithResultFrame(result)]);
        return chain;
    }
}
