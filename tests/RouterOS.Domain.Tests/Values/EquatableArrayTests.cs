using RouterOS.Domain.Values;

namespace RouterOS.Domain.Tests.Values;

public class EquatableArrayTests
{
    [Fact]
    public void Equal_items_in_the_same_order_are_equal()
    {
        EquatableArray<int> a = [1, 2, 3];
        EquatableArray<int> b = [1, 2, 3];
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, [3, 2, 1]);
    }

    [Fact]
    public void The_default_value_is_the_empty_list()
    {
        EquatableArray<int> none = default;
        Assert.True(none.IsEmpty);
        Assert.Equal([], none);
        Assert.Empty(none);
    }

    [Fact]
    public void Edits_return_new_lists()
    {
        EquatableArray<int> a = [1, 2];
        var b = a.Add(3).SetItem(0, 9).RemoveAt(1);
        Assert.Equal([1, 2], a);
        Assert.Equal([9, 3], b);
    }
}
