package hk.tsw.gateway.api.console;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.context.ITemplateContext;
import org.thymeleaf.messageresolver.IMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The console's pages: Thymeleaf templates from the class path ({@code console/templates/*.html}, HTML mode, every
 * value escaped by the template unless it says otherwise, which none does) with the labels of
 * {@code console/messages.properties} (English) and {@code console/messages_zh_HK.properties} (Traditional Chinese).
 * No HTML is put together in Java. Thread-safe; templates are parsed once and cached.
 */
final class ConsoleViews {

    static final Locale ENGLISH = Locale.ENGLISH;
    static final Locale CHINESE = Locale.forLanguageTag("zh-HK");

    private final TemplateEngine engine = new TemplateEngine();

    ConsoleViews() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(ConsoleViews.class.getClassLoader());
        templates.setPrefix("console/templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        engine.setTemplateResolver(templates);
        engine.setMessageResolver(new Labels());
    }

    /** The language a session asked for: {@code zh-HK} or English. */
    static Locale locale(String language) {
        return "zh-HK".equals(language) ? CHINESE : ENGLISH;
    }

    String render(String template, Locale locale, Map<String, Object> model) {
        return engine.process(template, new Context(locale, model));
    }

    /** One label in the session's language (for the few texts that are not in a template: the CSV of nothing yet). */
    static String label(Locale locale, String key) {
        return bundle(locale).getString(key);
    }

    private static ResourceBundle bundle(Locale locale) {
        // no fallback to the JVM's default locale: what is missing in Chinese falls back to the English base file
        return ResourceBundle.getBundle("console.messages", locale, ConsoleViews.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Thymeleaf's #{...} from the bundles; a missing key shows as ??key?? (and a test catches it). */
    private static final class Labels implements IMessageResolver {
        @Override
        public String getName() {
            return "tsw-console-labels";
        }

        @Override
        public Integer getOrder() {
            return 0;
        }

        @Override
        public String resolveMessage(ITemplateContext context, Class<?> origin, String key, Object[] params) {
            try {
                String text = bundle(context.getLocale()).getString(key);
                return params == null || params.length == 0 ? text : new MessageFormat(text, context.getLocale()).format(params);
            } catch (MissingResourceException e) {
                return null;
            }
        }

        @Override
        public String createAbsentMessageRepresentation(ITemplateContext context, Class<?> origin, String key,
                                                        Object[] params) {
            return "??" + key + "??";
        }
    }
}
