using Miro.Dsl.Model;
using Xunit;

namespace Miro.Dsl.Tests;

/// <summary><c>init</c> (a model argument of every architecture) and <c>head</c> (a train setting) bind
/// to the model spec; leaving them out keeps the old behaviour.</summary>
public sealed class ModelSettingsTests
{
    private static PolicySpec Bind(string body)
    {
        var result = MiroCompiler.Compile(DiagnosticCases.Policy(body), "m.miro");
        Assert.Empty(result.Diagnostics);
        return Assert.Single(result.Policies);
    }

    [Fact]
    public void Without_init_or_head_the_model_keeps_default_init_and_an_incremental_head()
    {
        var model = Bind("  train { model mlp(hidden: [100, 100]) }\n").Train.Model;

        Assert.Equal(new ModelSpec(ModelKind.Mlp, EquatableArray.Create(100, 100), WeightInit.Default, HeadKind.Incremental, 0), model);
    }

    [Theory]
    [InlineData("mlp(hidden: [100, 100], init: xavier)", ModelKind.Mlp, WeightInit.Xavier)]
    [InlineData("mlp(init: kaiming)", ModelKind.Mlp, WeightInit.Kaiming)]
    [InlineData("cnn(init: xavier)", ModelKind.Cnn, WeightInit.Xavier)]
    [InlineData("resnet18(init: kaiming)", ModelKind.ResNet18, WeightInit.Kaiming)]
    [InlineData("reduced_resnet18(init: default)", ModelKind.ReducedResNet18, WeightInit.Default)]
    public void Every_architecture_takes_init(string model, ModelKind kind, WeightInit init)
    {
        var bound = Bind("  train { model " + model + " }\n").Train.Model;

        Assert.Equal((kind, init), (bound.Kind, bound.Init));
    }

    [Theory]
    [InlineData("fashion_mnist", 5, 2, 10)]
    [InlineData("cifar100", 10, 10, 100)]
    public void A_fixed_head_has_one_output_per_class_of_the_data_set(string dataset, int tasks, int classes, int outputs)
    {
        var model = Bind($"  data {{ dataset {dataset}  tasks {tasks}  classes {classes} per task }}\n  train {{ model mlp(init: xavier)  head fixed }}\n").Train.Model;

        Assert.Equal((WeightInit.Xavier, HeadKind.Fixed, outputs), (model.Init, model.Head, model.HeadClasses));
    }

    [Fact]
    public void Head_incremental_is_the_default_written_out()
    {
        Assert.Equal(Bind("").Train.Model, Bind("  train { head incremental }\n").Train.Model);
    }

    [Fact]
    public void A_number_as_init_is_a_located_error_quoting_it()
    {
        var result = MiroCompiler.Compile(DiagnosticCases.Policy("  train { model mlp(init: 3) }\n"), "m.miro");

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("MIRO2023", error.Id);
        Assert.StartsWith("unknown init '3'", error.Message, System.StringComparison.Ordinal);
        Assert.Empty(result.Policies);
    }
}
