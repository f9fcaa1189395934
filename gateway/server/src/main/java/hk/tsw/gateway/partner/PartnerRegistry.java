package hk.tsw.gateway.partner;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.validation.Schema;

import hk.tsw.gateway.partner.Partner.Channel;
import hk.tsw.gateway.partner.Partner.Format;
import hk.tsw.gateway.partner.Partner.Reply;
import hk.tsw.gateway.partner.Partner.Role;
import hk.tsw.gateway.partner.Partner.SenderId;
import hk.tsw.gateway.partner.Partner.Sftp;
import hk.tsw.gateway.partner.PartnerFileReader.Element;
import hk.tsw.gateway.security.SecureXml;
import org.xml.sax.SAXException;

/**
 * Who may talk to the gateway, and as whom. Partners are data ({@code config/partners/*.xml}, one file each), not
 * code: this class turns those files into typed {@link Partner}s once, at start-up, and answers "which partner is
 * this?" for every channel (SFTP user, EDIFACT UNB sender, XML submitter).
 *
 * <p>It promises that whatever it holds was valid as a whole: every file passed {@code xsd/config/partner.xsd},
 * every SFTP key parses, every reply channel has its transport section, and no two partners claim the same partner
 * id, SFTP user, EDIFACT sender (id with qualifier) or XML submitter id. Otherwise {@link #load} throws a
 * {@link PartnerConfigException} ({@code <file name>: line L: <reason>}) and nothing is loaded.
 *
 * <p>A partner file may say {@code <disabled>true</disabled>}: the partner stays known by id (its messages in flight
 * finish and are answered, its users may still read them) but it can no longer log in: {@link #bySftpUser},
 * {@link #byAs2Id} and {@link #enabled} leave it out.
 *
 * <p>Reloadable: {@link #replaceWith} swaps in another loaded registry's contents at once (a configuration reload,
 * docs/OPERATIONS.md). Every lookup reads one whole generation; whoever holds this object sees the new partners at
 * its next lookup, and whoever built something from them ({@link #onReplace}) rebuilds it. Safe to share between
 * threads.
 */
public final class PartnerRegistry {

    /** One generation of the partner files, never changed once built. */
    private static final class Index {
        private final Map<String, Partner> byId = new LinkedHashMap<>();
        private final Map<String, Partner> bySftpUser = new HashMap<>();
        private final Map<SenderId, Partner> bySender = new HashMap<>();
        private final Map<String, Partner> bySubmitter = new HashMap<>();
        private final java.util.Set<String> disabled = new java.util.HashSet<>();
    }

    private final java.util.concurrent.atomic.AtomicReference<Index> current =
            new java.util.concurrent.atomic.AtomicReference<>(new Index());
    private final List<java.util.function.Consumer<PartnerRegistry>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private PartnerRegistry() {
    }

    /**
     * Makes this registry answer with {@code next}'s partners from now on (one reference swap), then tells the
     * {@link #onReplace} listeners. {@code next} must be a freshly loaded registry, i.e. validated as a whole.
     */
    public void replaceWith(PartnerRegistry next) {
        current.set(next.current.get());
        for (java.util.function.Consumer<PartnerRegistry> l : listeners) {
            l.accept(this);
        }
    }

    /** Called after every {@link #replaceWith}, with this registry: for what is built from the partners at start. */
    public void onReplace(java.util.function.Consumer<PartnerRegistry> listener) {
        listeners.add(listener);
    }

    /** Whether the partner's file says {@code <disabled>true</disabled>}: known, but no login on any channel. */
    public boolean isDisabled(String id) {
        return current.get().disabled.contains(id);
    }

    /** The partners that may log in (not disabled), in file order. */
    public Collection<Partner> enabled() {
        Index i = current.get();
        return i.byId.values().stream().filter(p -> !i.disabled.contains(p.id())).toList();
    }

    /** Loads and cross-checks every {@code *.xml} in {@code partnersDir}, in file name order. */
    public static PartnerRegistry load(Path partnersDir, Path partnerXsd) {
        JdkEd25519Support.install();
        Schema schema;
        try {
            schema = SecureXml.schema(partnerXsd);
        } catch (SAXException e) {
            throw new IllegalStateException("cannot compile partner schema " + partnerXsd + ": " + e.getMessage(), e);
        }
        PartnerRegistry registry = new PartnerRegistry();
        for (Path file : partnerFiles(partnersDir)) {
            Element root = PartnerFileReader.read(file, schema);
            String fileName = file.getFileName().toString();
            Partner partner = toPartner(fileName, root, partnersDir.toAbsolutePath().getParent());
            registry.add(fileName, root, partner);
            if (root.child("disabled").map(d -> d.text().equals("true") || d.text().equals("1")).orElse(false)) {
                registry.current.get().disabled.add(partner.id());
            }
        }
        return registry;
    }

    public Optional<Partner> byId(String id) {
        return Optional.ofNullable(current.get().byId.get(id));
    }

    /** The partner that logs in to SFTP as {@code user}; empty for a disabled partner. */
    public Optional<Partner> bySftpUser(String user) {
        Index i = current.get();
        return Optional.ofNullable(i.bySftpUser.get(user)).filter(p -> !i.disabled.contains(p.id()));
    }

    /**
     * The partner that sends as UNB 0004 {@code id} with 0007 {@code qualifier}. With an empty (or null) qualifier:
     * the partner that declared this id without a qualifier, else the only partner that declared this id at all.
     * A qualifier that was given must match exactly.
     */
    public Optional<Partner> byEdifactSender(String id, String qualifier) {
        Map<SenderId, Partner> bySender = current.get().bySender;
        SenderId exact = new SenderId(id, qualifier);
        Partner partner = bySender.get(exact);
        if (partner != null || !exact.qualifier().isEmpty()) {
            return Optional.ofNullable(partner);
        }
        List<Partner> withId = bySender.entrySet().stream()
                .filter(e -> e.getKey().id().equals(id))
                .map(Map.Entry::getValue)
                .distinct()
                .toList();
        return withId.size() == 1 ? Optional.of(withId.get(0)) : Optional.empty();
    }

    /**
     * The partner whose AS2 name (AS2-From) this is; AS2 names compare exactly, as RFC 4130 says. Empty for a disabled
     * partner.
     */
    public Optional<Partner> byAs2Id(String as2Id) {
        return enabled().stream().filter(p -> p.as2().map(a -> a.as2Id().equals(as2Id)).orElse(false)).findFirst();
    }

    public Optional<Partner> byXmlSubmitter(String submitterId) {
        return Optional.ofNullable(current.get().bySubmitter.get(submitterId));
    }

    /** All partners (disabled ones too), in the order their files were loaded. */
    public Collection<Partner> all() {
        return List.copyOf(current.get().byId.values());
    }

    private static List<Path> partnerFiles(Path dir) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.xml")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new IllegalStateException("cannot list partner files in " + dir + ": " + e, e);
        }
        files.sort(Path::compareTo);
        return files;
    }

    private static Partner toPartner(String fileName, Element root, Path configDir) {
        Optional<Element> edifact = root.child("edifact");
        List<SenderId> senders = edifact.map(e -> e.all("senderId")).orElse(List.of()).stream()
                .map(s -> new SenderId(s.text(), s.attributes().get("qualifier")))
                .toList();
        boolean unicode = edifact.flatMap(e -> e.child("allowUnicodeUnderSyntax3"))
                .map(e -> e.text().equals("true") || e.text().equals("1"))
                .orElse(false);
        Optional<java.nio.charset.Charset> agreed = edifact.flatMap(e -> e.child("agreedEncoding"))
                .map(e -> java.nio.charset.Charset.forName(e.text()));
        List<String> submitters = root.child("xml").map(x -> x.all("submitterId")).orElse(List.of()).stream()
                .map(Element::text)
                .toList();
        Optional<Sftp> sftp = root.child("sftp").map(s -> new Sftp(s.text("user"),
                s.all("authorizedKey").stream().map(Element::text).toList()));
        Element replyElement = root.child("reply").orElseThrow();
        Reply reply = new Reply(Channel.valueOf(replyElement.text("channel")), Format.valueOf(replyElement.text("format")),
                replyElement.child("webhook").map(Element::text),
                replyElement.child("contrl").map(c -> c.text().equals("ALWAYS")).orElse(false));
        Partner partner = new Partner(root.text("id"), root.text("name"), Role.valueOf(root.text("role")),
                senders, unicode, agreed, submitters, sftp,
                root.child("as2").map(a -> As2ProfileReader.read(fileName, a, configDir)), root.child("soap").map(PartnerRegistry::soap),
                new LinkedHashSet<>(root.all("allowedDocumentType").stream().map(Element::text).toList()), reply);
        checkKeys(fileName, root);
        checkReply(fileName, replyElement, partner);
        return partner;
    }

    private static Partner.Soap soap(Element s) {
        return new Partner.Soap(s.text("user"), s.all("authentication").stream()
                .map(a -> Partner.SoapAuthentication.valueOf(a.text())).collect(java.util.stream.Collectors.toSet()),
                s.all("certificate").stream().map(Element::text).toList(),
                s.child("requireSignature").map(e -> e.text().equals("true") || e.text().equals("1")).orElse(false));
    }

    private static void checkKeys(String fileName, Element root) {
        for (Element key : root.child("sftp").map(s -> s.all("authorizedKey")).orElse(List.of())) {
            try {
                Partner.parseAuthorizedKey(key.text());
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw new PartnerConfigException(fileName, key.line(), "authorizedKey is not a usable public key: " + e.getMessage());
            }
        }
    }

    /** Answers must be deliverable: the reply channel needs its transport section, EDIFACT answers a sender id. */
    private static void checkReply(String fileName, Element reply, Partner partner) {
        boolean hasChannel = switch (partner.reply().channel()) {
            case SFTP -> partner.sftp().isPresent();
            case AS2 -> partner.as2().flatMap(As2Profile::url).isPresent();
            case SOAP -> partner.soap().isPresent();
        };
        if (!hasChannel) {
            throw new PartnerConfigException(fileName, reply.line(), "reply channel " + partner.reply().channel()
                    + " needs a " + partner.reply().channel().name().toLowerCase() + " section"
                    + (partner.reply().channel() == Channel.AS2 ? " with the partner's AS2 url" : ""));
        }
        if (partner.reply().format() == Format.EDIFACT && partner.edifactSenderIds().isEmpty()) {
            throw new PartnerConfigException(fileName, reply.line(), "reply format EDIFACT needs an edifact section");
        }
    }

    private void add(String fileName, Element root, Partner partner) {
        Map<String, Partner> byId = current.get().byId;
        Map<String, Partner> bySftpUser = current.get().bySftpUser;
        Map<SenderId, Partner> bySender = current.get().bySender;
        Map<String, Partner> bySubmitter = current.get().bySubmitter;
        claim(byId, partner.id(), partner, fileName, root.child("id").orElseThrow().line(), "partner id");
        partner.sftp().ifPresent(sftp -> claim(bySftpUser, sftp.user(), partner, fileName,
                root.child("sftp").flatMap(s -> s.child("user")).orElseThrow().line(), "sftp user"));
        List<Element> senderElements = root.child("edifact").map(e -> e.all("senderId")).orElse(List.of());
        for (int i = 0; i < senderElements.size(); i++) {
            claim(bySender, partner.edifactSenderIds().get(i), partner, fileName, senderElements.get(i).line(),
                    "EDIFACT sender id");
        }
        List<Element> submitterElements = root.child("xml").map(x -> x.all("submitterId")).orElse(List.of());
        for (int i = 0; i < submitterElements.size(); i++) {
            claim(bySubmitter, partner.xmlSubmitterIds().get(i), partner, fileName, submitterElements.get(i).line(),
                    "XML submitter id");
        }
    }

    private static <K> void claim(Map<K, Partner> index, K key, Partner partner, String fileName, int line,
            String what) {
        Partner previous = index.putIfAbsent(key, partner);
        if (previous != null) {
            String owner = previous == partner ? "this partner already" : "partner " + previous.id();
            throw new PartnerConfigException(fileName, line, what + " " + key + " is already claimed by " + owner);
        }
    }
}
