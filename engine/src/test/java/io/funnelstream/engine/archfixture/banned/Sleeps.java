package io.funnelstream.engine.archfixture.banned;

/** Breaks the blocking ban: parks the thread. */
public final class Sleeps {

    private Sleeps() {}

    public static void pause() throws InterruptedException {
        Thread.sleep(1);
    }
}
