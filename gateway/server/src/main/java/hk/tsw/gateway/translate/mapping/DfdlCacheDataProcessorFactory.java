package hk.tsw.gateway.translate.mapping;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.daffodil.japi.Daffodil;
import org.apache.daffodil.japi.DataProcessor;
import org.smooks.api.SmooksConfigException;
import org.smooks.api.resource.config.Parameter;
import org.smooks.cartridges.dfdl.DfdlSchema;
import org.smooks.cartridges.edifact.EdifactDataProcessorFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles an EDIFACT directory's DFDL schema once and keeps the compiled parser in a folder the gateway chooses.
 *
 * <p>Smooks' own {@code cacheOnDisk} writes to {@code ./.smooks/} relative to the working directory and names the
 * file after the message types only, so a D96A and a D96B parser for CUSDEC would overwrite each other. This
 * factory keys the file by directory schema, message types, validation mode and Daffodil version, and writes it
 * atomically (temp file, then move), so a crash mid-save never leaves a half file that a later start would load.
 */
public class DfdlCacheDataProcessorFactory extends EdifactDataProcessorFactory {

    static final String CACHE_DIR_PARAM = "tswDfdlCacheDir";
    private static final Logger LOG = LoggerFactory.getLogger(DfdlCacheDataProcessorFactory.class);

    @Override
    protected DataProcessor compileOrGet(DfdlSchema schema) {
        String cacheDir = resourceConfig.getParameterValue(CACHE_DIR_PARAM, String.class);
        if (cacheDir == null || cacheDir.isBlank()) {
            return compile(schema);
        }
        Path file = Path.of(cacheDir).resolve(cacheKey(schema) + ".daffodil");
        if (Files.isRegularFile(file)) {
            try {
                DataProcessor loaded = Daffodil.compiler().reload(file.toFile());
                LOG.debug("Loaded compiled DFDL schema {} from {}", schemaLabel(), file);
                return loaded.withValidationMode(schema.getValidationMode());
            } catch (Exception e) {
                LOG.warn("Compiled DFDL schema {} is unreadable ({}); compiling again", file, e.toString());
            }
        }
        DataProcessor compiled = compile(schema);
        save(compiled, file);
        return compiled;
    }

    private DataProcessor compile(DfdlSchema schema) {
        long start = System.nanoTime();
        try {
            DataProcessor dp = schema.compile();
            LOG.info("Compiled DFDL schema {} in {} ms", schemaLabel(), (System.nanoTime() - start) / 1_000_000);
            return dp;
        } catch (Throwable t) {
            throw new SmooksConfigException("Cannot compile DFDL schema " + schemaLabel(), t);
        }
    }

    private void save(DataProcessor dp, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                dp.save(Channels.newChannel(out));
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.warn("Cannot save compiled DFDL schema to {}: {}", file, e.toString());
        }
    }

    private String schemaLabel() {
        return resourceConfig.getParameterValue("schemaUri", String.class) + " " + messageTypes();
    }

    private List<String> messageTypes() {
        List<Parameter<?>> params = resourceConfig.getParameters("messageType");
        return params == null ? List.of()
                : params.stream().map(p -> String.valueOf(p.getValue())).sorted().collect(Collectors.toList());
    }

    private String cacheKey(DfdlSchema schema) {
        String schemaUri = resourceConfig.getParameterValue("schemaUri", String.class);
        String version = schemaUri.replaceAll("^/?([^/]+)/.*$", "$1").toLowerCase();
        String identity = schemaUri + "|" + messageTypes() + "|" + schema.getValidationMode() + "|"
                + Daffodil.class.getPackage().getImplementationVersion();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return version + "-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
