using Xunit.Abstractions;
using Xunit.Sdk;

namespace AttachmentSync.Security.Tests.Infrastructure;

/// <summary>Marks a test that checks what all other tests of its class left behind.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunsLastAttribute : Attribute
{
}

/// <summary>Runs the tests of a class in name order, with <see cref="RunsLastAttribute"/> tests after all others.</summary>
public sealed class RunsLastOrderer : ITestCaseOrderer
{
    public const string TypeName = "AttachmentSync.Security.Tests.Infrastructure.RunsLastOrderer";

    public const string AssemblyName = "AttachmentSync.Security.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases)
        where TTestCase : ITestCase =>
        testCases
            .OrderBy(testCase => testCase.TestMethod.Method.GetCustomAttributes(typeof(RunsLastAttribute)).Any() ? 1 : 0)
            .ThenBy(testCase => testCase.DisplayName, StringComparer.Ordinal);
}
