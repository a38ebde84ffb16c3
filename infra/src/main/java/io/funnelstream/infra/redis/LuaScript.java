package io.funnelstream.infra.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.reactive.RedisClusterReactiveCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A Lua script run by EVALSHA, falling back to EVAL (which caches it again) when Redis lost its script cache (a
 * restart or SCRIPT FLUSH). Every key of one call must hash to one slot on a cluster.
 */
final class LuaScript {

    private final String source;
    private final String sha;

    LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** The SHA-1 Redis knows the script by. */
    String sha() {
        return sha;
    }

    /** Runs the script; emits what Lettuce makes of its answer for {@code type}. */
    <T> Flux<T> run(RedisClusterReactiveCommands<String, String> redis, ScriptOutputType type, List<String> keys,
            List<String> args) {
        String[] keyArray = keys.toArray(String[]::new);
        String[] argArray = args.toArray(String[]::new);
        return redis.<T>evalsha(sha, type, keyArray, argArray)
                .onErrorResume(LuaScript::isNoScript, e -> redis.<T>eval(source, type, keyArray, argArray));
    }

    private static boolean isNoScript(Throwable e) {
        return e instanceof RedisNoScriptException
                || (e instanceof RedisCommandExecutionException
                        && String.valueOf(e.getMessage()).startsWith("NOSCRIPT"));
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
