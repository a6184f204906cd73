using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using RouterOS.Domain.Json;
using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Json;

/// <summary>
/// The engine runs NativeAOT, where a list converter over a value type exists only if the factory
/// names it: these tests find every list the configuration's JSON holds and make its converter,
/// so a new list of a value type fails here, under the JIT, instead of on the router.
/// </summary>
public class EquatableArrayConverterFactoryTests
{
    private static readonly EquatableArrayConverterFactory Factory = new();

    [Fact]
    public void Makes_a_converter_for_every_list_in_the_configurations_json()
    {
        var lists = ListTypesReachableFrom(SerializableTypes(typeof(RouterConfigJsonContext)));

        // Both kinds are there, so the walk reached the lists it is about.
        Assert.Contains(typeof(EquatableArray<PortRange>), lists);
        Assert.Contains(typeof(EquatableArray<InterfaceName>), lists);
        foreach (var list in lists)
        {
            Assert.True(Factory.CanConvert(list));
            var converter = Factory.CreateConverter(list, RouterConfigJsonContext.Default.Options);
            Assert.Equal(typeof(EquatableArrayConverter<>).MakeGenericType(list.GetGenericArguments()), converter.GetType());
        }
    }

    [Fact]
    public void Refuses_a_list_of_a_value_type_it_does_not_name()
    {
        var error = Assert.Throws<NotSupportedException>(() => Factory.CreateConverter(typeof(EquatableArray<int>), JsonSerializerOptions.Default));

        Assert.Contains("EquatableArray<Int32>", error.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<Type> SerializableTypes(Type context) =>
        context.GetCustomAttributesData()
            .Where(attribute => attribute.AttributeType == typeof(JsonSerializableAttribute))
            .Select(attribute => (Type)attribute.ConstructorArguments[0].Value!);

    /// <summary>Every EquatableArray type among the properties of the domain's types, depth first from the roots.</summary>
    private static HashSet<Type> ListTypesReachableFrom(IEnumerable<Type> roots)
    {
        var lists = new HashSet<Type>();
        var seen = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                lists.Add(type);
                pending.Push(type.GetGenericArguments()[0]);
            }
            else if (type.Assembly == typeof(RouterConfigJsonContext).Assembly && !type.IsEnum)
            {
                foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    pending.Push(property.PropertyType);
                }
            }
        }
        return lists;
    }
}
