package hk.tsw.gateway.translate.mapping;

import java.nio.file.Path;
import java.util.List;

import org.smooks.api.resource.config.ResourceConfig;
import org.smooks.cartridges.edifact.EdifactReaderConfigurator;

/** Smooks' EDIFACT reader, with the compiled-schema cache placed where the gateway says (see {@link DfdlCacheDataProcessorFactory}). */
final class DfdlReaderConfigurator extends EdifactReaderConfigurator {

    private final Path cacheDir;

    DfdlReaderConfigurator(String schemaUri, List<String> messageTypes, Path cacheDir) {
        super(schemaUri);
        setMessageTypes(messageTypes);
        this.cacheDir = cacheDir;
    }

    @Override
    protected String getDataProcessorFactory() {
        return DfdlCacheDataProcessorFactory.class.getName();
    }

    @Override
    public List<ResourceConfig> toConfig() {
        List<ResourceConfig> configs = super.toConfig();
        if (cacheDir != null) {
            for (ResourceConfig config : configs) {
                config.setParameter(DfdlCacheDataProcessorFactory.CACHE_DIR_PARAM, cacheDir.toAbsolutePath().toString());
            }
        }
        return configs;
    }
}
