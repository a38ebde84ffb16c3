package io.funnelstream.infra.postgres;

import io.funnelstream.engine.distribution.DistributionSpec;
import io.funnelstream.engine.distribution.DistributionStatus;
import io.funnelstream.engine.distribution.DistributionStore;
import io.funnelstream.engine.distribution.Recipient;
import io.funnelstream.engine.model.Channel;
import io.funnelstream.engine.model.Provider;
import io.funnelstream.engine.model.TenantId;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** Surveys, distributions, recipients with their outbox rows, and the provider per channel, as the tenant. */
final class R2dbcDistributionStore implements DistributionStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CREATE = """
            insert into distributions (tenant_id, survey_id, name, channels, schedule_at, template)
            select $1, $2, $3, $4::text[], $5::timestamptz, $6::jsonb
            where exists (select 1 from surveys where tenant_id = $1 and id = $2)
            returning id""";
    private static final String LOCK = "select status from distributions where tenant_id = $1 and id = $2 for share";
    private static final String RECIPIENTS = """
            insert into recipients (id, tenant_id, distribution_id, email, phone, whatsapp, locale, custom)
            select u.id::uuid, $1, $2, u.email, u.phone, u.whatsapp, u.locale, u.custom::jsonb
            from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
                as u(id, email, phone, whatsapp, locale, custom)""";
    private static final String OUTBOX = """
            insert into send_outbox (id, tenant_id, distribution_id, recipient_id, channel, address)
            select u.id::uuid, $1, $2, u.recipient::uuid, u.channel, u.address
            from unnest($3::text[], $4::text[], $5::text[], $6::text[]) as u(id, recipient, channel, address)""";
    private static final String STATUS = """
            select d.id, d.survey_id, d.name, d.status, d.channels, d.schedule_at, d.created_at, d.started_at,
                   d.completed_at, count(o.id) as total,
                   count(*) filter (where o.state = 'queued') as queued,
                   count(*) filter (where o.state = 'queued' and o.attempts > 0) as retrying,
                   count(*) filter (where o.state = 'sending') as sending,
                   count(*) filter (where o.state = 'sent') as sent,
                   count(*) filter (where o.state = 'failed') as failed,
                   count(*) filter (where o.state = 'suppressed') as suppressed,
                   count(*) filter (where o.state = 'cancelled') as cancelled
            from distributions d
            left join send_outbox o on o.tenant_id = d.tenant_id and o.distribution_id = d.id
            where d.tenant_id = $1 and d.id = $2
            group by d.id""";
    private static final String COMPLETE = """
            update distributions set status = 'completed', completed_at = now()
            where tenant_id = $1 and id = $2 and status in ('running', 'scheduled')
              and not exists (select 1 from send_outbox o where o.tenant_id = $1 and o.distribution_id = $2
                              and o.state in ('queued', 'sending'))""";
    private static final String START = """
            update distributions
            set status = case when schedule_at > $3::timestamptz then 'scheduled' else 'running' end,
                started_at = coalesce(started_at, $3::timestamptz)
            where tenant_id = $1 and id = $2 and status in ('draft', 'paused')""";
    private static final String PAUSE = "update distributions set status = 'paused'"
            + " where tenant_id = $1 and id = $2 and status in ('running', 'scheduled')";
    private static final String CANCEL = "update distributions set status = 'cancelled', completed_at = $3::timestamptz"
            + " where tenant_id = $1 and id = $2 and status in ('draft', 'scheduled', 'running', 'paused')";
    private static final String CANCEL_QUEUED = "update send_outbox set state = 'cancelled', finished_at ="
            + " $3::timestamptz, recorded = true where tenant_id = $1 and distribution_id = $2 and state = 'queued'";

    private final TenantTransactions transactions;

    R2dbcDistributionStore(TenantTransactions transactions) {
        this.transactions = Objects.requireNonNull(transactions, "transactions");
    }

    @Override
    public Mono<UUID> createSurvey(TenantId tenant, String title, String link) {
        return transactions.inTenant(tenant, c -> Sql.query(c,
                        "insert into surveys (tenant_id, title, link) values ($1, $2, $3) returning id",
                        row -> Sql.required(row, "id", UUID.class), tenant.value(), title, link))
                .single();
    }

    @Override
    public Mono<UUID> create(TenantId tenant, DistributionSpec spec) {
        String[] channels = spec.channels().stream().map(Channel::slug).toArray(String[]::new);
        Map<String, String> template = new LinkedHashMap<>();
        template.put("subject", spec.template().subject());
        template.put("text", spec.template().text());
        template.put("html", spec.template().html());
        return transactions.inTenant(tenant, c -> SendOutboxSql.query(c, CREATE,
                        row -> Sql.required(row, "id", UUID.class), tenant.value(), spec.surveyId(), spec.name(),
                        channels, Sql.text(spec.scheduleAt()), JSON.writeValueAsString(template)))
                .singleOrEmpty();
    }

    @Override
    public Mono<Long> addRecipients(TenantId tenant, UUID distributionId, Flux<List<Recipient>> batches) {
        return transactions.inTenant(tenant, c -> Sql.query(c, LOCK, row -> Sql.required(row, "status", String.class),
                                tenant.value(), distributionId)
                        .singleOrEmpty()
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("no such distribution")))
                        .flatMapMany(status -> status.equals("cancelled") || status.equals("completed")
                                ? Mono.error(new IllegalStateException("the distribution is " + status))
                                : batches.concatMap(batch -> insert(c, tenant, distributionId, batch))))
                .reduce(0L, Long::sum);
    }

    private static Mono<Long> insert(Connection c, TenantId tenant, UUID distributionId, List<Recipient> batch) {
        if (batch.isEmpty()) {
            return Mono.just(0L);
        }
        int n = batch.size();
        String[] ids = new String[n];
        String[] emails = new String[n];
        String[] phones = new String[n];
        String[] whatsapps = new String[n];
        String[] locales = new String[n];
        String[] customs = new String[n];
        String[] messages = new String[n];
        String[] channels = new String[n];
        String[] addresses = new String[n];
        for (int i = 0; i < n; i++) {
            Recipient r = batch.get(i);
            ids[i] = r.id().toString();
            emails[i] = r.email();
            phones[i] = r.phone();
            whatsapps[i] = r.whatsapp();
            locales[i] = r.locale();
            customs[i] = JSON.writeValueAsString(r.fields());
            messages[i] = r.messageId().toString();
            channels[i] = r.channel().slug();
            addresses[i] = r.address();
        }
        return Sql.update(c, RECIPIENTS, tenant.value(), distributionId, ids, emails, phones, whatsapps, locales,
                        customs)
                .then(Sql.update(c, OUTBOX, tenant.value(), distributionId, messages, ids, channels, addresses));
    }

    @Override
    public Mono<DistributionStatus> status(TenantId tenant, UUID distributionId) {
        return transactions.inTenant(tenant, c -> Sql.update(c, COMPLETE, tenant.value(), distributionId)
                        .thenMany(Sql.query(c, STATUS, R2dbcDistributionStore::status, tenant.value(),
                                distributionId)))
                .singleOrEmpty();
    }

    @Override
    public Mono<Boolean> change(TenantId tenant, UUID distributionId, Action action, Instant now) {
        String at = Sql.text(now);
        return transactions.inTenant(tenant, c -> switch (action) {
                    case START -> Sql.update(c, START, tenant.value(), distributionId, at);
                    case PAUSE -> Sql.update(c, PAUSE, tenant.value(), distributionId);
                    case CANCEL -> Sql.update(c, CANCEL, tenant.value(), distributionId, at)
                            .flatMap(n -> n == 0 ? Mono.just(n)
                                    : Sql.update(c, CANCEL_QUEUED, tenant.value(), distributionId, at).thenReturn(n));
                })
                .reduce(0L, Long::sum)
                .map(n -> n > 0);
    }

    @Override
    public Mono<Void> chooseProvider(TenantId tenant, Channel channel, Provider provider) {
        return transactions.inTenant(tenant, c -> Sql.update(c, """
                        insert into channel_providers (tenant_id, channel, provider) values ($1, $2, $3)
                        on conflict (tenant_id, channel) do update
                        set provider = excluded.provider, updated_at = now()""",
                        tenant.value(), channel.slug(), provider.slug()))
                .then();
    }

    @Override
    public Mono<Map<Channel, Provider>> providers(TenantId tenant) {
        return transactions.inTenant(tenant, c -> Sql.query(c,
                        "select channel, provider from channel_providers where tenant_id = $1", row -> Map.entry(
                                Channel.fromSlug(Sql.required(row, "channel", String.class)).orElseThrow(),
                                Provider.fromSlug(Sql.required(row, "provider", String.class)).orElseThrow()),
                        tenant.value()))
                .collect(() -> new EnumMap<Channel, Provider>(Channel.class), (m, e) -> m.put(e.getKey(), e.getValue()))
                .map(m -> (Map<Channel, Provider>) m);
    }

    private static DistributionStatus status(Readable row) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String name : DistributionStatus.COUNTS) {
            counts.put(name, Sql.required(row, name, Long.class));
        }
        List<Channel> channels = Arrays.stream(Sql.required(row, "channels", String[].class))
                .map(s -> Channel.fromSlug(s).orElseThrow())
                .toList();
        return new DistributionStatus(
                Sql.required(row, "id", UUID.class),
                Sql.required(row, "survey_id", UUID.class),
                Sql.required(row, "name", String.class),
                Sql.required(row, "status", String.class),
                channels,
                row.get("schedule_at", Instant.class),
                Sql.required(row, "created_at", Instant.class),
                row.get("started_at", Instant.class),
                row.get("completed_at", Instant.class),
                counts);
    }
}
