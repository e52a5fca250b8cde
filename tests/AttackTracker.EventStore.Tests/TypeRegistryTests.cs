using System.Text.Json;

namespace AttackTracker.EventStore.Tests;

public sealed record VictimNamed(string Name);

public sealed record VictimIdentified(string GivenName, string FamilyName, string Role);

public sealed record UnregisteredThing(int Value);

public sealed class TypeRegistryTests(PostgresSchemaFixture db) : IClassFixture<PostgresSchemaFixture>
{
    [Theory]
    [InlineData("ReportSubmitted", "report_submitted")]
    [InlineData("FactsRetracted", "facts_retracted")]
    [InlineData("HTTPRequestLogged", "http_request_logged")]
    [InlineData("Casualties2Reported", "casualties2_reported")]
    public void Type_names_are_snake_case(string clrName, string storedName)
    {
        Assert.Equal(storedName, EventTypeRegistry.ToSnakeCase(clrName));
    }

    [Fact]
    public async Task The_stored_type_is_the_stable_name_never_the_clr_name()
    {
        var id = Guid.NewGuid();
        var store = await db.CreateStoreAsync(o => o.Types.Register<VictimNamed>("victim_named"));

        await store.StartStreamAsync(id, "incident", [new EventData(new VictimNamed("Arnaud Beltrame"))]);

        var stored = await db.ScalarAsync<string>("SELECT type FROM __schema__.events WHERE stream_id = $1", id);
        Assert.Equal("victim_named", stored);
    }

    [Fact]
    public async Task Appending_an_unregistered_type_fails_before_writing()
    {
        var id = Guid.NewGuid();

        var ex = await Assert.ThrowsAsync<UnregisteredEventTypeException>(
            () => db.Store.StartStreamAsync(id, "incident", [new EventData(new NoteAdded("ok")), new EventData(new UnregisteredThing(1))]));

        Assert.Equal(typeof(UnregisteredThing), ex.Type);
        Assert.Null(await db.Store.FetchStreamStateAsync(id));
    }

    [Fact]
    public async Task Reading_an_unknown_stored_name_is_a_clear_error()
    {
        var id = Guid.NewGuid();
        var writer = await db.CreateStoreAsync(o => o.Types.Register<VictimNamed>("victim_named_elsewhere"));
        await writer.StartStreamAsync(id, "incident", [new EventData(new VictimNamed("x"))]);

        var ex = await Assert.ThrowsAsync<UnknownEventTypeException>(() => db.Store.ReadStreamAsync(id).ToListAsync().AsTask());

        Assert.Equal("victim_named_elsewhere", ex.TypeName);
        Assert.Contains("victim_named_elsewhere", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upcaster_reads_an_old_stored_shape_as_the_new_type()
    {
        var id = Guid.NewGuid();
        var oldWriter = await db.CreateStoreAsync(o => o.Types.Register<VictimNamed>("victim_named_v1"));
        await oldWriter.StartStreamAsync(id, "incident", [new EventData(new VictimNamed("Arnaud Beltrame"))]);
        var reader = await db.CreateStoreAsync(o => o.Types
            .Register<VictimIdentified>()
            .Upcast("victim_named_v1", json =>
            {
                var parts = json.GetProperty("name").GetString()!.Split(' ', 2);
                return new VictimIdentified(parts[0], parts[1], "unknown");
            }));

        var e = await reader.ReadStreamAsync(id).SingleAsync();

        Assert.Equal(new VictimIdentified("Arnaud", "Beltrame", "unknown"), e.Data);
        Assert.Equal("victim_named_v1", e.TypeName);
    }

    [Fact]
    public void A_stored_name_cannot_be_taken_twice()
    {
        var types = new EventTypeRegistry().Register<VictimNamed>("victim");

        Assert.Throws<ArgumentException>(() => types.Register<VictimIdentified>("victim"));
        Assert.Throws<ArgumentException>(() => types.Upcast("victim", _ => new VictimIdentified("a", "b", "c")));
    }

    [Fact]
    public void A_malformed_stored_body_is_a_json_error()
    {
        var types = new EventTypeRegistry().Register<VictimNamed>();

        Assert.ThrowsAny<JsonException>(() => types.Deserialize("victim_named", "not json", new JsonSerializerOptions(JsonSerializerDefaults.Web), 1));
    }
}
