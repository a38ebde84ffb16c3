package io.funnelstream.engine.archfixture.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Breaks the driver ban: JDBC inside the engine. */
public final class ReadsJdbc {

    private ReadsJdbc() {}

    public static boolean isOpen(Connection connection) throws SQLException {
        return !connection.isClosed();
    }
}
