package org.reskontro.letters.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import com.openhtmltopdf.extend.impl.FSDefaultCacheStore;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import org.reskontro.ledger.Country;
import org.reskontro.letters.Creditor;
import org.reskontro.letters.DunningLetter;
import org.reskontro.letters.LetterSafety;
import org.reskontro.letters.LetterTemplates;
import org.reskontro.letters.RenderedLetter;
import org.thymeleaf.context.Context;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContextWrapper;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Renders a dunning letter: subject, plain text and HTML with Thymeleaf, and the PDF of the HTML with
 * openhtmltopdf. Templates are looked up first in the templates folder ({@code config/templates}, so a company
 * can change wording and layout without rebuilding), then in the jar ({@code templates/}). The names are
 * {@code letters/<language>/<template>.html} and {@code .txt}. One instance, created once, is thread-safe.
 *
 * <p>The PDF uses the standard PDF fonts (Helvetica) and fetches no resources: no base URL, every URI refused.
 */
public class LetterRenderer {

    static {
        XRLog.setLoggingEnabled(false);
    }

    private final SpringTemplateEngine engine;
    private final Path templatesDir;
    private final Creditor creditor;
    private final Subjects subjects;
    private final Map<String, Boolean> exists = new ConcurrentHashMap<>();
    private final PayTo payToSweden;
    private final PayTo payToOthers;

    public LetterRenderer(Path templatesDir, Creditor creditor, Subjects subjects) {
        this.templatesDir = templatesDir;
        this.creditor = creditor;
        this.subjects = subjects;
        this.payToSweden = payTo(creditor, Country.SE);
        this.payToOthers = payTo(creditor, Country.NO);
        this.engine = new SpringTemplateEngine(); // standalone, SpEL expressions, no Spring MVC
        engine.setEnableSpringELCompiler(true);
        FileTemplateResolver files = new FileTemplateResolver();
        files.setPrefix(templatesDir.toAbsolutePath().normalize() + "/");
        configure(files, 1);
        ClassLoaderTemplateResolver jar = new ClassLoaderTemplateResolver(LetterRenderer.class.getClassLoader());
        jar.setPrefix("templates/");
        configure(jar, 2);
        engine.addTemplateResolver(files);
        engine.addTemplateResolver(jar);
    }

    private static void configure(AbstractConfigurableTemplateResolver r, int order) {
        r.setOrder(order);
        r.setCheckExistence(true);
        r.setCharacterEncoding("UTF-8");
        r.setTemplateMode(TemplateMode.HTML);
        r.setTextTemplateModePatterns(Set.of("*.txt"));
        r.setHtmlTemplateModePatterns(Set.of("*.html"));
        r.setCacheable(true);
    }

    public Creditor creditor() {
        return creditor;
    }

    /** Subject, text, HTML and PDF. */
    public RenderedLetter render(DunningLetter letter) {
        String html = html(letter);
        return new RenderedLetter(subject(letter), text(letter), html, pdf(html));
    }

    public String subject(DunningLetter letter) {
        return subjects.subject(letter.language(), letter.level(), creditor.name(), letter.customerNo());
    }

    public String html(DunningLetter letter) {
        return engine.process(templateName(letter, "html"), context(letter));
    }

    /** The plain-text letter; runs of blank lines the template's control lines leave behind become one. */
    public String text(DunningLetter letter) {
        String text = engine.process(templateName(letter, "txt"), context(letter));
        return BLANK_LINES.matcher(text.strip()).replaceAll("\n\n") + "\n";
    }

    private static final java.util.regex.Pattern BLANK_LINES = java.util.regex.Pattern.compile("(?:[ \\t]*\\R){3,}");

    /** The PDF of an XHTML document rendered by {@link #html}. */
    public byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
        try {
            Document doc = PARSER.get().parse(new InputSource(new StringReader(html)));
            PdfRendererBuilder b = new PdfRendererBuilder();
            b.useFastMode();
            b.withProducer("reskontro");
            b.useCacheStore(PdfRendererBuilder.CacheStore.PDF_FONT_METRICS, FONT_METRICS);
            b.useUriResolver((base, uri) -> null);
            b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
            b.useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
            b.withW3cDocument(doc, null);
            b.toStream(out);
            b.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not render the PDF: " + e.getMessage(), e);
        } catch (SAXException e) {
            throw new IllegalStateException("the letter's HTML is not well-formed XHTML (check the template): "
                    + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /** Font metrics of the standard fonts, shared by every PDF (thread-safe). */
    private static final FSDefaultCacheStore FONT_METRICS = new FSDefaultCacheStore();

    /** One XML parser per thread (a DocumentBuilder is not thread-safe; creating one per letter is slow). */
    private static final ThreadLocal<DocumentBuilder> PARSER = ThreadLocal.withInitial(LetterRenderer::newParser);

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser: " + e.getMessage(), e);
        }
    }

    /** The template for the letter: the one the policy names if it exists, else the level's default. */
    public String templateName(DunningLetter letter, String extension) {
        String lang = letter.language().code();
        String named = letter.template();
        if (LetterTemplates.isSafeName(named)) {
            String name = "letters/" + lang + "/" + named + "." + extension;
            if (exists.computeIfAbsent(name, this::templateExists)) {
                return name;
            }
        }
        return "letters/" + lang + "/" + LetterTemplates.forLevel(letter.level()) + "." + extension;
    }

    private boolean templateExists(String name) {
        return Files.isRegularFile(templatesDir.resolve(name))
                || LetterRenderer.class.getClassLoader().getResource("templates/" + name) != null;
    }

    private Context context(DunningLetter letter) {
        Context ctx = new Context(letter.language().locale());
        LetterFormat fmt = format(letter);
        // one SpEL evaluation context for the whole letter: without it Thymeleaf makes a new one for every
        // expression evaluated inside a fragment or an iteration (a measurable share of the rendering)
        ctx.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContextWrapper(new StandardEvaluationContext()));
        ctx.setVariable("letter", letter);
        ctx.setVariable("creditor", creditor);
        ctx.setVariable("fmt", fmt);
        ctx.setVariable("subject", subject(letter));
        ctx.setVariable("items", letter.items());
        ctx.setVariable("swedish", letter.country() == Country.SE);
        ctx.setVariable("payTo", letter.country() == Country.SE ? payToSweden : payToOthers);
        String single = letter.items().size() == 1 ? letter.items().get(0).paymentReference() : null;
        ctx.setVariable("reference", single);
        // a letter whose invoices carry different kinds of reference (KID and RF) labels the column with both
        // and each row with its own label
        java.util.Comparator<String> rfLast = java.util.Comparator.comparing("RF"::equals);
        java.util.TreeSet<String> labels = new java.util.TreeSet<>(rfLast.thenComparing(java.util.Comparator.naturalOrder()));
        for (DunningLetter.Item item : letter.items()) {
            labels.add(fmt.referenceLabel(item.paymentReference(), letter.country()));
        }
        ctx.setVariable("mixedReferences", labels.size() > 1);
        ctx.setVariable("referenceLabel", labels.size() > 1 ? String.join("/", labels) : fmt.referenceLabel(
                single != null ? single : letter.items().get(0).paymentReference(), letter.country()));
        return ctx;
    }

    /**
     * The letter's formatting, made once per thread for each language and currency (a {@link LetterFormat} is not
     * thread-safe; making its number and date formats for every letter was a measurable share of the rendering).
     */
    private static LetterFormat format(DunningLetter letter) {
        Map<String, LetterFormat> mine = FORMATS.get();
        String key = letter.language().code() + "/" + letter.currency();
        LetterFormat f = mine.get(key);
        if (f == null) {
            f = new LetterFormat(letter.language().locale(), letter.currency());
            mine.put(key, f);
        }
        return f;
    }

    private static final ThreadLocal<Map<String, LetterFormat>> FORMATS = ThreadLocal.withInitial(java.util.HashMap::new);

    /** What account to pay to: bankgiro for Swedish customers when the company has one, else the bank account. */
    private static PayTo payTo(Creditor creditor, Country country) {
        if (country == Country.SE && creditor.bankgiro() != null && !creditor.bankgiro().isBlank()) {
            return new PayTo("BG", creditor.bankgiro(), creditor.formattedIban());
        }
        return new PayTo("ACCOUNT", creditor.formattedBankAccount(), creditor.formattedIban());
    }

    /**
     * The account a template shows: {@code kind} is {@code BG} (bankgiro) or {@code ACCOUNT} (bank account).
     */
    public record PayTo(String kind, String number, String iban) {
        public boolean bankgiro() {
            return "BG".equals(kind);
        }
    }

    /** Subject lines per language and level, with {@code {company}}, {@code {customerNo}} and {@code {level}}. */
    public record Subjects(Map<String, Map<String, String>> byLanguage) {

        public String subject(org.reskontro.ledger.Language language, int level, String company, String customerNo) {
            Map<String, String> forLanguage = byLanguage.getOrDefault(language.code(), Map.of());
            String template = forLanguage.get(String.valueOf(level));
            if (template == null) {
                template = forLanguage.getOrDefault(String.valueOf(Math.min(Math.max(level, 1), 4)),
                        "{company}: " + LetterTemplates.forLevel(level) + " {customerNo}");
            }
            String s = template.replace("{company}", LetterSafety.headerText(company))
                    .replace("{customerNo}", LetterSafety.headerText(customerNo))
                    .replace("{level}", String.valueOf(level));
            return LetterSafety.headerText(s);
        }

        /** The built-in subjects. */
        public static Map<String, Map<String, String>> defaults() {
            return Map.of(
                    "nb", Map.of("1", "Påminnelse om ubetalt faktura – {company}",
                            "2", "Purring – {company}",
                            "3", "Inkassovarsel – {company}",
                            "4", "Kravet er sendt til inkasso – {company}"),
                    "sv", Map.of("1", "Påminnelse om obetald faktura – {company}",
                            "2", "Betalningspåminnelse – {company}",
                            "3", "Inkassovarning – {company}",
                            "4", "Ärendet har lämnats till inkasso – {company}"),
                    "en", Map.of("1", "Reminder: unpaid invoice – {company}",
                            "2", "Formal reminder – {company}",
                            "3", "Final notice before debt collection – {company}",
                            "4", "Your debt has been passed to debt collection – {company}"));
        }
    }
}
