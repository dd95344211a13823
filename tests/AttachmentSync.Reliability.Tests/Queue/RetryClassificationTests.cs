using System.Net;
using AttachmentSync.AzureDevOps;
using AttachmentSync.Core.Sync;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AttachmentSync.Reliability.Tests.Queue;

/// <summary>Which failures are retried, how long the engine waits, and what the ledger says meanwhile.</summary>
public sealed class RetryClassificationTests
{
    public static TheoryData<HttpStatusCode?, AdoErrorKind, string?, bool> Failures() => new()
    {
        { HttpStatusCode.RequestTimeout, AdoErrorKind.Transient, null, false },
        { HttpStatusCode.TooManyRequests, AdoErrorKind.Transient, null, false },
        { HttpStatusCode.InternalServerError, AdoErrorKind.Transient, null, false },
        { HttpStatusCode.BadGateway, AdoErrorKind.Transient, null, false },
        { HttpStatusCode.ServiceUnavailable, AdoErrorKind.Transient, null, false },
        { null, AdoErrorKind.Transient, null, false },
        { HttpStatusCode.PreconditionFailed, AdoErrorKind.Conflict, null, false },
        { HttpStatusCode.Unauthorized, AdoErrorKind.Authentication, null, false },
        { HttpStatusCode.BadRequest, AdoErrorKind.Permanent, "WorkItemAttachmentExceedsMaxSizeException", true },
        { HttpStatusCode.BadRequest, AdoErrorKind.Permanent, "WorkItemAttachmentIncorrectOffsetException", true },
        { HttpStatusCode.NotFound, AdoErrorKind.NotFound, null, true },
        { HttpStatusCode.Forbidden, AdoErrorKind.Permanent, null, true },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Failure_is_classified(HttpStatusCode? status, AdoErrorKind kind, string? typeKey, bool permanent)
    {
        var failure = FailureClassifier.Classify(new AdoApiException(kind, status, "failed", typeKey));

        Assert.Equal(permanent, failure.IsPermanent);
    }

    [Fact]
    public void Broken_connection_is_transient()
    {
        Assert.False(FailureClassifier.Classify(new IOException("reset by peer")).IsPermanent);
        Assert.False(FailureClassifier.Classify(new HttpRequestException("reset")).IsPermanent);
        Assert.False(FailureClassifier.Classify(new TimeoutException("slow")).IsPermanent);
    }

    [Fact]
    public void Forbidden_reason_names_the_pat()
    {
        var failure = FailureClassifier.Classify(
            new AdoApiException(AdoErrorKind.Permanent, HttpStatusCode.Forbidden, "denied"));

        Assert.Contains("PAT", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Throttled_failure_keeps_requested_wait()
    {
        var failure = FailureClassifier.Classify(new AdoApiException(AdoErrorKind.Transient,
            HttpStatusCode.TooManyRequests, "blocked", retryAfter: TimeSpan.FromSeconds(30)));

        Assert.True(failure.IsThrottled);
        Assert.Equal(TimeSpan.FromSeconds(30), failure.RequestedWait);
    }

    [Fact]
    public void Requested_wait_replaces_backoff()
    {
        var delay = RetryDelay.Compute(1, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10),
            TimeSpan.FromSeconds(42), new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(42), delay);
    }

    [Fact]
    public void Backoff_grows_and_stays_capped()
    {
        var random = new Random(7);
        for (var attempt = 1; attempt <= 40; attempt++)
        {
            var ceiling = Math.Min(60_000, 1000 * Math.Pow(2, Math.Min(attempt - 1, 30)));
            var delay = RetryDelay.Compute(attempt, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), null, random);

            Assert.InRange(delay.TotalMilliseconds, 0, ceiling);
        }
    }

    [Fact]
    public void Backoff_uses_full_jitter()
    {
        var random = new Random(3);
        var delays = Enumerable.Range(0, 200)
            .Select(_ => RetryDelay.Compute(5, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), null, random).TotalMilliseconds)
            .ToList();

        Assert.True(delays.Min() < 4000, $"smallest delay {delays.Min()} ms; full jitter reaches below half the ceiling");
        Assert.True(delays.Max() > 12000, $"largest delay {delays.Max()} ms; full jitter reaches near the ceiling");
    }

    [Fact]
    public void Throttled_wait_reason_names_the_time()
    {
        var failure = new JobFailure(false, "blocked", TimeSpan.FromMinutes(2), IsThrottled: true);
        var reason = JobWorkerReasons.Describe(failure, new DateTimeOffset(2026, 3, 1, 14, 3, 0, TimeSpan.Zero), 2, 12);

        Assert.Equal("waiting: Azure DevOps throttled requests until 14:03:00 UTC (attempt 2 of 12)", reason);
    }

    [Fact]
    public async Task Inline_retry_honours_retry_after()
    {
        var time = new FakeTimeProvider();
        var pipeline = new JobRetryPipeline(Options.Create(new SyncOptions
        {
            InlineRetries = 2,
            InlineRetryMaxWait = TimeSpan.FromSeconds(2),
        }), time);
        var calls = 0;

        var run = pipeline.ExecuteAsync(_ =>
        {
            calls++;
            return calls == 1
                ? throw new AdoApiException(AdoErrorKind.Transient, HttpStatusCode.TooManyRequests, "blocked",
                    retryAfter: TimeSpan.FromSeconds(1))
                : ValueTask.CompletedTask;
        }, CancellationToken.None).AsTask();

        await WaitForAsync(() => calls == 1);
        time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.Equal(1, calls);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Long_retry_after_goes_to_queue()
    {
        var pipeline = new JobRetryPipeline(Options.Create(new SyncOptions()), new FakeTimeProvider());
        var calls = 0;

        await Assert.ThrowsAsync<AdoApiException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new AdoApiException(AdoErrorKind.Transient, HttpStatusCode.TooManyRequests, "blocked",
                retryAfter: TimeSpan.FromMinutes(1));
        }, CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task Permanent_failure_is_not_retried_inline()
    {
        var pipeline = new JobRetryPipeline(Options.Create(new SyncOptions()), new FakeTimeProvider());
        var calls = 0;

        await Assert.ThrowsAsync<AdoApiException>(async () => await pipeline.ExecuteAsync(_ =>
        {
            calls++;
            throw new AdoApiException(AdoErrorKind.Permanent, HttpStatusCode.BadRequest, "too large",
                "WorkItemAttachmentExceedsMaxSizeException");
        }, CancellationToken.None));

        Assert.Equal(1, calls);
    }

    [Fact]
    public void Invalid_options_name_the_key()
    {
        var result = new SyncOptionsValidator().Validate(null, new SyncOptions
        {
            MaxDeleteShare = 1.5,
            JobLease = TimeSpan.Zero,
        });

        Assert.True(result.Failed);
        Assert.Contains("Sync:MaxDeleteShare", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Sync:JobLease", result.FailureMessage, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(10);
        }
    }
}
