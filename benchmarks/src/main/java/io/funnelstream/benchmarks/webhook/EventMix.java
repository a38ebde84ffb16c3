package io.funnelstream.benchmarks.webhook;

import java.util.SplittableRandom;

/**
 * SendGrid event types in the proportions a survey mailing produces (per thousand events), each with the fields
 * SendGrid adds for its type.
 */
enum EventMix {
    PROCESSED("processed", 280),
    DELIVERED("delivered", 270) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"response\":\"250 2.0.0 OK ").append(random.nextInt(1_000_000))
                    .append(" d75a77b69052e-4a0\",\"ip\":\"149.72.1.").append(1 + random.nextInt(254))
                    .append("\",\"tls\":1");
        }
    },
    OPEN("open", 200) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"useragent\":\"Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)\"")
                    .append(",\"ip\":\"203.0.113.").append(1 + random.nextInt(254)).append('"')
                    .append(",\"sg_machine_open\":").append(random.nextInt(10) == 0);
        }
    },
    CLICK("click", 80) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"url\":\"https://survey.example.com/s/").append(random.nextInt(100_000))
                    .append("?q=1\",\"url_offset\":{\"index\":0,\"type\":\"html\"}")
                    .append(",\"useragent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"")
                    .append(",\"ip\":\"198.51.100.").append(1 + random.nextInt(254)).append('"');
        }
    },
    DEFERRED("deferred", 60) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"response\":\"451 4.7.1 Greylisted, try again later\",\"attempt\":\"")
                    .append(1 + random.nextInt(5)).append("\",\"tls\":1");
        }
    },
    BOUNCE("bounce", 40) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            if (random.nextInt(4) == 0) {
                json.append(",\"type\":\"blocked\",\"bounce_classification\":\"Technical\"")
                        .append(",\"reason\":\"unable to get mx info\",\"status\":\"4.0.0\"");
            } else {
                json.append(",\"type\":\"bounce\",\"bounce_classification\":\"Invalid Address\"")
                        .append(",\"reason\":\"550 5.1.1 The email account that you tried to reach does not exist.\"")
                        .append(",\"status\":\"5.1.1\"");
            }
        }
    },
    DROPPED("dropped", 30) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"reason\":\"Bounced Address\",\"status\":\"5.0.0\"");
        }
    },
    UNSUBSCRIBE("unsubscribe", 20),
    GROUP_UNSUBSCRIBE("group_unsubscribe", 10) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"asm_group_id\":").append(1 + random.nextInt(3));
        }
    },
    SPAMREPORT("spamreport", 8),
    GROUP_RESUBSCRIBE("group_resubscribe", 2) {
        @Override
        void appendDetails(StringBuilder json, SplittableRandom random) {
            json.append(",\"asm_group_id\":").append(1 + random.nextInt(3));
        }
    };

    static final int TOTAL_WEIGHT = 1000;

    private final String event;
    private final int weight;

    EventMix(String event, int weight) {
        this.event = event;
        this.weight = weight;
    }

    String event() {
        return event;
    }

    int weight() {
        return weight;
    }

    /** The type whose share of {@link #TOTAL_WEIGHT} contains {@code draw} (0 inclusive to the total exclusive). */
    static EventMix pick(int draw) {
        int bound = 0;
        for (EventMix type : values()) {
            bound += type.weight;
            if (draw < bound) {
                return type;
            }
        }
        throw new IllegalArgumentException("draw out of range: " + draw);
    }

    /** Appends the type's own fields, each preceded by a comma. */
    void appendDetails(StringBuilder json, SplittableRandom random) {}
}
