using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary>The data set catalog is what the binder accepts: names, aliases and class counts.</summary>
public sealed class DatasetCatalogTests
{
    private static CompilationResult Compile(string body) => MiroCompiler.Compile(DiagnosticCases.Policy(body), "d.miro");

    public static TheoryData<string, string> NamesAndAliases()
    {
        var data = new TheoryData<string, string>();
        foreach (var dataset in DatasetCatalog.All)
        {
            data.Add(dataset.Name, dataset.Name);
            // Hyphenated aliases are for the CLI and file names; a spec can only write identifiers.
            foreach (var alias in dataset.Aliases)
                if (!alias.Contains('-')) data.Add(alias, dataset.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(NamesAndAliases))]
    public void A_spec_may_name_a_dataset_or_its_alias_and_binds_the_canonical_name(string written, string canonical)
    {
        var result = Compile("  data { dataset " + written + " }\n");

        Assert.Equal(canonical, Assert.Single(result.Policies).Data.Dataset);
    }

    [Fact]
    public void Class_checks_use_the_catalog_class_count()
    {
        var ok = Compile("  data { dataset cifar100  tasks 10  classes 10 per task }\n");
        var tooMany = Compile("  data { dataset cifar10  tasks 10  classes 2 per task }\n");

        Assert.Single(ok.Policies);
        var error = Assert.Single(tooMany.Diagnostics);
        Assert.Equal("MIRO2018", error.Id);
        Assert.Contains("cifar10 has 10", error.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_dataset_lists_the_catalog_names()
    {
        var error = Assert.Single(Compile("  data { dataset imagenet }\n").Diagnostics);

        Assert.Equal("MIRO2001", error.Id);
        Assert.Contains("fashion_mnist, mnist, cifar10 or cifar100", error.Message, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fashion-MNIST", "fashion_mnist")]
    [InlineData("CIFAR_10", "cifar10")]
    [InlineData("imagenet", null)]
    public void Find_ignores_case_and_knows_aliases(string name, string? expected)
    {
        Assert.Equal(expected, DatasetCatalog.Find(name)?.Name);
    }
}
