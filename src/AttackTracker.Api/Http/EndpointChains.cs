using AttackTracker.Api.Store;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http;
using Wolverine.Http.CodeGen;

namespace AttackTracker.Api.Http;

public static class EndpointChains
{
    /// <summary>
    /// The first steps of every write, ahead of Wolverine's aggregate workflow (which loads the
    /// incident and, for a write, takes its stream's lock): the endpoint's request reader, which
    /// stops with its IResult unless it is <see cref="WolverineContinue"/>, so a request with a bad
    /// header or body never touches the store; then the rebuild gate (<see cref="RebuildGate.PassAsync"/>),
    /// so no write loads a document while the projections are being rebuilt. Wolverine would put an
    /// endpoint's own Load/Before methods after the aggregate's load.
    /// </summary>
    public static HttpChain StartsWrite(this HttpChain chain, Type endpoint, string readMethod)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var read = new MethodCall(endpoint, readMethod);
        var result = read.Creates.Single(v => v.VariableType == typeof(IResult));
        var gate = new MethodCall(typeof(RebuildGate), nameof(RebuildGate.PassAsync));
        chain.Middleware.InsertRange(0, [read, new MaybeEndWithResultFrame(result), gate]);
        return chain;
    }
}
