using AttachmentSync.Tus.Storage;

namespace AttachmentSync.Tus.Protocol;

/// <summary>
/// Extensions the configured store supports, found by the capability interfaces it implements.
/// </summary>
internal sealed class TusCapabilities
{
    public TusCapabilities(ITusStore store)
    {
        Store = store;
        Creation = store as ITusCreationStore;
        Termination = store as ITusTerminationStore;
        Expiration = store as ITusExpirationStore;
        Checksum = store as ITusChecksumStore;
        Extensions = string.Join(',', ListExtensions());
    }

    public ITusStore Store { get; }

    public ITusCreationStore? Creation { get; }

    public ITusTerminationStore? Termination { get; }

    public ITusExpirationStore? Expiration { get; }

    public ITusChecksumStore? Checksum { get; }

    /// <summary>Value of the Tus-Extension header.</summary>
    public string Extensions { get; }

    private IEnumerable<string> ListExtensions()
    {
        if (Creation is not null)
        {
            yield return "creation";
            yield return "creation-with-upload";
        }

        if (Termination is not null)
        {
            yield return "termination";
        }

        if (Expiration is not null)
        {
            yield return "expiration";
        }

        if (Checksum is not null)
        {
            yield return "checksum";
        }
    }
}
