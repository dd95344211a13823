namespace AdoEmulator.WorkItems;

/// <summary>A parsed flat WIQL query: selected columns, a filter and sort order.</summary>
internal sealed record WiqlQuery(
    IReadOnlyList<string> Columns,
    Func<WorkItemSnapshot, bool> Filter,
    IReadOnlyList<(string Field, bool Descending)> OrderBy);
