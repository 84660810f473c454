package org.clinic.common.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.hibernate.HibernateException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

class SqlTest {

    @Test
    void aRestartingOrUnreachableDatabaseIsLostWhereverTheFailureIsWrapped() {
        assertThat(Sql.lostDatabase(new CompletionException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(Sql.lostDatabase(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(Sql.lostDatabase(new JDBCConnectionException("flush", new SQLException("broken", "08006")))).isTrue();
        assertThat(Sql.lostDatabase(new CompletionException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(Sql.lostDatabase(new IllegalStateException(new ConnectException("Connection refused")))).isTrue();
        assertThat(Sql.lostDatabase(new HibernateException("select", new SocketException("Connection reset")))).isTrue();
        assertThat(Sql.lostDatabase(new CompletionException(new ClosedChannelException()))).isTrue();
    }

    @Test
    void requestFailuresAreNot() {
        assertThat(Sql.lostDatabase(new SQLException("invalid byte sequence", "22021"))).isFalse();
        assertThat(Sql.lostDatabase(new SQLException("deadlock detected", "40P01"))).isFalse();
        assertThat(Sql.lostDatabase(new IllegalStateException("no cause"))).isFalse();
    }
}
