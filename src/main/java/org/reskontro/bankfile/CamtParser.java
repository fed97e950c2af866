package org.reskontro.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Unmarshaller;

/**
 * camt.053 (statements) and camt.054 (notifications), versions 001.02 to 001.13, read with StAX. Statement
 * headers and balances are read element by element; each {@code Ntry} is unmarshalled on its own with JAXB into
 * the prowide model class of its version, so memory stays flat for any file size. DTDs and external entities
 * are refused.
 */
final class CamtParser {

    static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:";
    private static final Pattern NAMESPACE = Pattern.compile(
            Pattern.quote(NAMESPACE_PREFIX) + "(camt\\.05[34])\\.001\\.(\\d\\d)");
    private static final Map<String, JAXBContext> CONTEXTS = new ConcurrentHashMap<>();
    private static final Map<String, Class<?>> ENTRY_CLASSES = new ConcurrentHashMap<>();

    private final ZoneId zone;

    CamtParser(ZoneId zone) {
        this.zone = zone;
    }

    static XMLInputFactory safeFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return f;
    }

    void parse(Path file, String name, BankFileHandler handler) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader r = new DepthLimit(safeFactory().createXMLStreamReader(in));
            try {
                new Run(name, r, handler).document();
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new BankFileException(name + where(e) + ": not well-formed XML: " + xmlMessage(e));
        }
    }

    private static String where(XMLStreamException e) {
        return e.getLocation() == null ? "" : ":" + e.getLocation().getLineNumber();
    }

    private static String xmlMessage(XMLStreamException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int i = m.indexOf("Message: ");
        return (i >= 0 ? m.substring(i + 9) : m).replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** One pass over one file. */
    private final class Run {
        private final String name;
        private final XMLStreamReader r;
        private final BankFileHandler handler;
        private String format;
        private String type;
        private Unmarshaller unmarshaller;
        private Class<?> entryClass;
        private NoNamespaces hidden;
        private int statements;
        private long entries;

        Run(String name, XMLStreamReader r, BankFileHandler handler) {
            this.name = name;
            this.r = r;
            this.handler = handler;
        }

        void document() throws XMLStreamException {
            boolean found = false;
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw reject("a DTD or entity is not allowed in a bank file");
                }
                if (ev == XMLStreamConstants.START_ELEMENT && "Document".equals(r.getLocalName())) {
                    String ns = r.getNamespaceURI();
                    Matcher m = NAMESPACE.matcher(ns == null ? "" : ns);
                    if (!m.matches()) {
                        throw reject("not a camt.053/camt.054 document ("
                                + (ns == null || ns.isEmpty() ? "no namespace" : "namespace '" + ns + "'") + ")");
                    }
                    int version = Integer.parseInt(m.group(2));
                    if (version < 2 || version > 13) {
                        throw reject("unsupported version " + ns.substring(NAMESPACE_PREFIX.length()));
                    }
                    format = ns.substring(NAMESPACE_PREFIX.length());
                    type = m.group(1);
                    handler.format(format);
                    message();
                    found = true;
                    break;
                }
            }
            if (!found) {
                throw reject("no ISO 20022 Document element: not a camt.053/camt.054 file");
            }
            // the rest of the file must be well-formed too
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD || ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw reject("a DTD or entity is not allowed in a bank file");
                }
            }
            if (statements == 0) {
                throw reject("the message has no " + ("camt.053".equals(type) ? "Stmt" : "Ntfctn"));
            }
        }

        /** Inside Document: the message element, then its statements. */
        private void message() throws XMLStreamException {
            int ev;
            while ((ev = r.nextTag()) == XMLStreamConstants.START_ELEMENT) {
                // BkToCstmrStmt / BkToCstmrDbtCdtNtfctn
                while ((ev = nextTagOrEnd()) == XMLStreamConstants.START_ELEMENT) {
                    String el = r.getLocalName();
                    if ("Stmt".equals(el) || "Ntfctn".equals(el)) {
                        statement();
                    } else {
                        skip();
                    }
                }
            }
        }

        private void statement() throws XMLStreamException {
            statements++;
            Header header = new Header();
            boolean started = false;
            long count = 0;
            BigDecimal sum = BigDecimal.ZERO;
            int ev = nextTagOrEnd();
            while (ev == XMLStreamConstants.START_ELEMENT) {
                String el = r.getLocalName();
                switch (el) {
                    case "Id" -> header.id = Props.blankToNull(text());
                    case "ElctrncSeqNb" -> header.seq = number(text(), "ElctrncSeqNb");
                    case "CreDtTm" -> header.date = date(text(), "CreDtTm");
                    case "Acct" -> header.acct = flatten();
                    case "Bal" -> {
                        int line = r.getLocation().getLineNumber();
                        header.balance(balance(flatten(), line));
                    }
                    case "Ntry" -> {
                        if (!started) {
                            handler.statementStart(header.statement(0, BigDecimal.ZERO));
                            started = true;
                        }
                        for (BankTransaction t : entry()) {
                            handler.transaction(t);
                            count++;
                            sum = sum.add(t.amount());
                        }
                        ev = r.getEventType();
                        if (ev != XMLStreamConstants.START_ELEMENT && ev != XMLStreamConstants.END_ELEMENT) {
                            ev = nextTagOrEnd();
                        }
                        continue;
                    }
                    default -> skip();
                }
                ev = nextTagOrEnd();
            }
            if (!started) {
                handler.statementStart(header.statement(0, BigDecimal.ZERO));
            }
            handler.statement(header.statement(count, sum));
        }

        /** A statement's header fields as they are read. */
        private final class Header {
            String id;
            Long seq;
            LocalDate date;
            Map<String, String> acct = Map.of();
            Balance opening;
            Balance prcd;
            Balance closing;

            void balance(Balance b) {
                if ("OPBD".equals(b.type) && opening == null) {
                    opening = b;
                } else if ("PRCD".equals(b.type) && prcd == null) {
                    prcd = b;
                } else if ("CLBD".equals(b.type) && closing == null) {
                    closing = b;
                }
            }

            BankStatement statement(long count, BigDecimal sum) {
                Balance open = opening != null ? opening : prcd;
                String account = acct.containsKey("Id/IBAN") ? acct.get("Id/IBAN") : acct.get("Id/Othr/Id");
                String currency = acct.get("Ccy");
                if (currency == null) {
                    currency = open != null ? open.ccy : closing != null ? closing.ccy : null;
                }
                String key = type + ":" + account + ":" + id + ":" + (seq == null ? "" : seq.toString());
                return new BankStatement(format, key, id, account, currency, open == null ? null : open.amount,
                        closing == null ? null : closing.amount, seq, date, count, sum);
            }
        }

        private List<BankTransaction> entry() throws XMLStreamException {
            entries++;
            int line = r.getLocation().getLineNumber();
            Object e;
            try {
                e = unmarshaller().unmarshal(hidden(), entryClass);
                if (e instanceof jakarta.xml.bind.JAXBElement<?> j) {
                    e = j.getValue();
                }
            } catch (JAXBException ex) {
                Throwable c = ex.getLinkedException() != null ? ex.getLinkedException() : ex;
                if (c instanceof XMLStreamException x) {
                    throw reject(x.getLocation() == null ? line : x.getLocation().getLineNumber(),
                            "entry " + entries + ": not well-formed XML: " + xmlMessage(x));
                }
                String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
                throw reject(line, "entry " + entries + ": " + m.replaceAll("\\s*\\R\\s*", " "));
            }
            return new EntryReader(e, zone, hidden.rawDateTimes, n -> reject(line, "entry " + entries + ": " + n))
                    .transactions();
        }

        private Unmarshaller unmarshaller() {
            if (unmarshaller == null) {
                entryClass = entryClass(type, format.substring(format.length() - 2));
                try {
                    unmarshaller = CONTEXTS.computeIfAbsent(format, f -> {
                        try {
                            return JAXBContext.newInstance(entryClass);
                        } catch (JAXBException ex) {
                            throw new IllegalStateException("no JAXB context for " + f, ex);
                        }
                    }).createUnmarshaller();
                } catch (JAXBException ex) {
                    throw new IllegalStateException(ex);
                }
                hidden = new NoNamespaces(r);
            }
            return unmarshaller;
        }

        private XMLStreamReader hidden() {
            hidden.startEntry();
            return hidden;
        }

        private Balance balance(Map<String, String> b, int line) {
            String type = b.getOrDefault("Tp/CdOrPrtry/Cd", b.getOrDefault("Tp/Cd", b.get("Tp/CdOrPrtry/Prtry")));
            String amt = b.get("Amt");
            if (amt == null) {
                throw reject(line, "balance " + type + " has no Amt");
            }
            BigDecimal amount = decimal(amt, line, "balance " + type);
            String ind = b.get("CdtDbtInd");
            if ("DBIT".equals(ind)) {
                amount = amount.negate();
            } else if (!"CRDT".equals(ind)) {
                throw reject(line, "balance " + type + ": CdtDbtInd must be CRDT or DBIT, not '" + ind + "'");
            }
            return new Balance(type, amount, b.get("Amt@Ccy"));
        }

        /** The current element's subtree as path -> first text (attributes as path@name), relative to it. */
        private Map<String, String> flatten() throws XMLStreamException {
            Map<String, String> out = new HashMap<>();
            List<String> path = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int depth = 0;
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    path.add(r.getLocalName());
                    depth++;
                    text.setLength(0);
                    String p = String.join("/", path);
                    for (int i = 0; i < r.getAttributeCount(); i++) {
                        out.putIfAbsent(p + "@" + r.getAttributeLocalName(i), r.getAttributeValue(i));
                    }
                } else if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    text.append(r.getText());
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (depth == 0) {
                        return out;
                    }
                    String t = text.toString().trim();
                    if (!t.isEmpty()) {
                        out.putIfAbsent(String.join("/", path), t);
                    }
                    text.setLength(0);
                    path.remove(path.size() - 1);
                    depth--;
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
                    throw reject("a DTD or entity is not allowed in a bank file");
                }
            }
        }

        /** Text of a simple element; ends on its END_ELEMENT. */
        private String text() throws XMLStreamException {
            StringBuilder sb = new StringBuilder();
            int depth = 0;
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.CHARACTERS || ev == XMLStreamConstants.CDATA) {
                    sb.append(r.getText());
                } else if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (depth-- == 0) {
                        return sb.toString().trim();
                    }
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw reject("a DTD or entity is not allowed in a bank file");
                }
            }
        }

        private void skip() throws XMLStreamException {
            int depth = 0;
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    if (depth-- == 0) {
                        return;
                    }
                } else if (ev == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw reject("a DTD or entity is not allowed in a bank file");
                }
            }
        }

        /** Next START_ELEMENT or END_ELEMENT, skipping text, comments and processing instructions. */
        private int nextTagOrEnd() throws XMLStreamException {
            while (true) {
                int ev = r.next();
                if (ev == XMLStreamConstants.START_ELEMENT || ev == XMLStreamConstants.END_ELEMENT) {
                    return ev;
                }
                if (ev == XMLStreamConstants.END_DOCUMENT) {
                    throw reject("unexpected end of file");
                }
                if (ev == XMLStreamConstants.ENTITY_REFERENCE || ev == XMLStreamConstants.DTD) {
                    throw reject("a DTD or entity is not allowed in a bank file");
                }
            }
        }

        private Long number(String s, String what) {
            try {
                return s.isEmpty() ? null : Long.valueOf(s);
            } catch (NumberFormatException e) {
                throw reject(r.getLocation().getLineNumber(), what + " is not a number: '" + s + "'");
            }
        }

        private LocalDate date(String s, String what) {
            try {
                return EntryReader.parseDateOrDateTime(s, zone);
            } catch (DateTimeParseException e) {
                throw reject(r.getLocation().getLineNumber(), what + " is not a date: '" + s + "'");
            }
        }

        private BigDecimal decimal(String s, int line, String what) {
            if (!s.matches("-?\\d{1,18}(\\.\\d{1,10})?")) {
                throw reject(line, what + ": not an amount: '" + s + "'");
            }
            return new BigDecimal(s);
        }

        private BankFileException reject(String reason) {
            return new BankFileException(name + ": " + reason);
        }

        private BankFileException reject(int line, String reason) {
            return new BankFileException(name + ":" + line + ": " + reason);
        }
    }

    private record Balance(String type, BigDecimal amount, String ccy) {
    }

    /** The prowide class of one {@code Ntry} for a message type and version, found through the Mx class. */
    static Class<?> entryClass(String type, String version) {
        return ENTRY_CLASSES.computeIfAbsent(type + "." + version, k -> {
            boolean stmt = "camt.053".equals(type);
            String mx = "com.prowidesoftware.swift.model.mx.MxCamt" + (stmt ? "053" : "054") + "001" + version;
            try {
                Class<?> c = Class.forName(mx);
                Class<?> message = c.getMethod(stmt ? "getBkToCstmrStmt" : "getBkToCstmrDbtCdtNtfctn").getReturnType();
                Class<?> statement = listElement(message.getMethod(stmt ? "getStmt" : "getNtfctn"));
                return listElement(statement.getMethod("getNtry"));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("prowide has no model for " + k, e);
            }
        });
    }

    private static Class<?> listElement(Method m) {
        Type t = m.getGenericReturnType();
        return (Class<?>) ((ParameterizedType) t).getActualTypeArguments()[0];
    }

    /** Deepest element nesting accepted; camt documents nest about 15 deep. Deeper is hostile (or broken) input. */
    static final int MAX_DEPTH = 100;

    /** Rejects absurdly deep nesting before anything walks it (element paths would grow quadratically). */
    private static final class DepthLimit extends StreamReaderDelegate {
        private int depth;

        DepthLimit(XMLStreamReader r) {
            super(r);
        }

        @Override
        public int next() throws XMLStreamException {
            return track(super.next());
        }

        @Override
        public int nextTag() throws XMLStreamException {
            return track(super.nextTag());
        }

        @Override
        public String getElementText() throws XMLStreamException {
            String text = super.getElementText();
            depth--;
            return text;
        }

        private int track(int ev) throws XMLStreamException {
            if (ev == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
                throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH, getLocation());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            return ev;
        }
    }

    /** Presents elements without namespace: prowide's model classes are bound to no namespace. */
    private static final class NoNamespaces extends StreamReaderDelegate {
        private final java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
        /** Raw text of Ntry/BookgDt/DtTm and Ntry/ValDt/DtTm: the model's OffsetDateTime cannot tell "no offset". */
        final Map<String, String> rawDateTimes = new HashMap<>();

        NoNamespaces(XMLStreamReader r) {
            super(r);
        }

        void startEntry() {
            path.clear();
            rawDateTimes.clear();
        }

        /**
         * The JDK reader takes element and attribute names from Xerces' symbol table, which interns them, and the
         * namespace URIs given here are literals: telling JAXB so spares it interning every name again (about a
         * third of the time per entry).
         */
        @Override
        public Object getProperty(String name) {
            if ("org.codehaus.stax2.internNames".equals(name) || "org.codehaus.stax2.internNsUris".equals(name)) {
                return Boolean.TRUE;
            }
            return super.getProperty(name);
        }

        @Override
        public int next() throws XMLStreamException {
            int ev = super.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                path.addLast(getLocalName());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                path.pollLast();
            } else if (ev == XMLStreamConstants.CHARACTERS && path.size() == 2 && "DtTm".equals(path.peekLast())) {
                String parent = path.peekFirst();
                if ("BookgDt".equals(parent) || "ValDt".equals(parent)) {
                    rawDateTimes.merge(parent, getText(), String::concat);
                }
            }
            return ev;
        }

        @Override
        public String getNamespaceURI() {
            return "";
        }

        @Override
        public String getNamespaceURI(String prefix) {
            return null;
        }

        @Override
        public String getNamespaceURI(int index) {
            return "";
        }

        @Override
        public int getNamespaceCount() {
            return 0;
        }

        @Override
        public String getPrefix() {
            return "";
        }

        @Override
        public QName getName() {
            return new QName(getLocalName());
        }

        @Override
        public String getAttributeNamespace(int index) {
            return "";
        }

        @Override
        public QName getAttributeName(int index) {
            return new QName(getAttributeLocalName(index));
        }

        @Override
        public NamespaceContext getNamespaceContext() {
            return new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return null;
                }

                @Override
                public String getPrefix(String namespaceURI) {
                    return null;
                }

                @Override
                public java.util.Iterator<String> getPrefixes(String namespaceURI) {
                    return java.util.Collections.emptyIterator();
                }
            };
        }
    }

    static LocalDate toDate(OffsetDateTime t, ZoneId zone) {
        return t == null ? null : t.atZoneSameInstant(zone).toLocalDate();
    }
}
