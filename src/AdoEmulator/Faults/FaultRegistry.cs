using System.Text.RegularExpressions;
using AdoEmulator.Infrastructure;

namespace AdoEmulator.Faults;

/// <summary>
/// The fault rules in force. Rules are checked in the order they were added, and the first that matches and fires
/// decides. Draws are deterministic for a given seed and sequence of requests.
/// </summary>
public sealed class FaultRegistry
{
    private static readonly object ConflictKey = new();
    private readonly Lock _lock = new();
    private readonly List<FaultRule> _rules = [];

    public FaultRule Add(FaultRule rule)
    {
        rule.Id = Guid.NewGuid();
        rule.Random = new Random(rule.Seed);
        lock (_lock)
        {
            _rules.Add(rule);
        }

        return rule;
    }

    public IReadOnlyList<FaultRule> Rules()
    {
        lock (_lock)
        {
            return _rules.ToList();
        }
    }

    public bool Remove(Guid id)
    {
        lock (_lock)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>Picks the request fault for this request, or null.</summary>
    internal FaultRule? NextRequestFault(HttpContext context)
    {
        var routeName = context.GetEndpoint()?.Metadata.GetMetadata<AdoRouteName>()?.Name;
        return Take(r => !r.IsHookFault && Matches(r, context.Request.Method, context.Request.Path.Value ?? "", routeName));
    }

    /// <summary>Picks the hook delivery fault for one notification, or null.</summary>
    internal HookFault? NextHookFault()
    {
        var rule = Take(r => r.IsHookFault);
        return rule?.Kind switch
        {
            FaultKind.HookDrop => new HookFault(HookFaultKind.Drop, TimeSpan.Zero),
            FaultKind.HookDuplicate => new HookFault(HookFaultKind.Duplicate, TimeSpan.Zero),
            FaultKind.HookReorder => new HookFault(HookFaultKind.Reorder, TimeSpan.FromMilliseconds(rule.DelayMs > 0 ? rule.DelayMs : 250)),
            FaultKind.HookDelay => new HookFault(HookFaultKind.Delay, TimeSpan.FromMilliseconds(rule.DelayMs)),
            _ => null,
        };
    }

    internal static void MarkConflict(HttpContext context) => context.Items[ConflictKey] = true;

    /// <summary>Returns true when a Conflict fault fired for this request.</summary>
    internal bool TakeForcedConflict(HttpContext context) => context.Items.ContainsKey(ConflictKey);

    private FaultRule? Take(Func<FaultRule, bool> matches)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if (!matches(rule) || rule.Count <= 0 || rule.Random!.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                if (rule.Count is not null)
                {
                    rule.Count--;
                }

                return rule;
            }
        }

        return null;
    }

    private static bool Matches(FaultRule rule, string method, string path, string? routeName)
    {
        if (rule.Method is not null && !rule.Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (rule.Route is null)
        {
            return true;
        }

        if (!rule.Route.Contains('/', StringComparison.Ordinal))
        {
            return string.Equals(rule.Route, routeName, StringComparison.OrdinalIgnoreCase);
        }

        var pattern = "^" + Regex.Escape(rule.Route).Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(path, pattern, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }
}
