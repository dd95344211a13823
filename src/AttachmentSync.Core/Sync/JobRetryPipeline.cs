using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace AttachmentSync.Core.Sync;

/// <summary>
/// Short in-process retries of one job run (Polly), for blips such as one 503 or a reset connection. A
/// transient failure is tried again after exponential backoff with jitter, or after the wait Azure DevOps
/// asked for; a failure that asks for a longer wait than <see cref="SyncOptions.InlineRetryMaxWait"/>, or
/// that outlasts <see cref="SyncOptions.InlineRetries"/>, goes back to the durable queue instead.
/// </summary>
public sealed class JobRetryPipeline
{
    private readonly ResiliencePipeline _pipeline;

    public JobRetryPipeline(IOptions<SyncOptions> options, TimeProvider timeProvider)
    {
        var settings = options.Value;
        if (settings.InlineRetries == 0)
        {
            _pipeline = ResiliencePipeline.Empty;
            return;
        }

        _pipeline = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.InlineRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.InlineRetryDelay,
                MaxDelay = settings.InlineRetryMaxWait,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception && IsWorthRetryingNow(exception, settings.InlineRetryMaxWait)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } exception ? FailureClassifier.Classify(exception).RequestedWait : null),
            })
            .Build();
    }

    public ValueTask ExecuteAsync(Func<CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        _pipeline.ExecuteAsync(action, cancellationToken);

    private static bool IsWorthRetryingNow(Exception exception, TimeSpan maxWait)
    {
        if (exception is OperationCanceledException)
        {
            return false;
        }

        var failure = FailureClassifier.Classify(exception);
        return !failure.IsPermanent && (failure.RequestedWait ?? TimeSpan.Zero) <= maxWait;
    }
}
