// DtausRead: reads a DTAUS file with two independent parsers from Debian's Java packages and prints what
// they found as one JSON line on stdout: OBanToo (libobantoo-java, the DTAUS code of Hibiscus) in its
// strict mode (SPEZIFIKATIONSKONFORM), and hbci4j (libhbci4j-core-java, org.kapott.hbci.swift.DTAUS).
//
// Neither library compares the E record's control sums with the C records (hbci4j checks only the count
// E4), so this wrapper does that one thing itself, from the values OBanToo parsed: C records counted and
// summed against OBanToo's E record. Anything either library refuses, or a sum that differs, is exit 1
// with a "FAIL" line on stderr. Usage: java -cp BUILD:/usr/share/java/obantoo-bin.jar:/usr/share/java/hbci4j-core.jar DtausRead FILE
import de.jost_net.OBanToo.Dtaus.ASatz;
import de.jost_net.OBanToo.Dtaus.CSatz;
import de.jost_net.OBanToo.Dtaus.DtausDateiParser;
import de.jost_net.OBanToo.Dtaus.ESatz;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

public class DtausRead {
    static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }

    static String list(List<String> items) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) b.append(i > 0 ? "," : "").append(json(items.get(i)));
        return b.append(']').toString();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        // hbci4j logs on stdout: keep stdout for the one JSON line.
        System.setOut(System.err);
        List<String> fails = new ArrayList<>();
        String file = args[0];

        // OBanToo, strict.
        long count = 0;
        BigInteger amounts = BigInteger.ZERO, accounts = BigInteger.ZERO, banks = BigInteger.ZERO;
        List<String> names = new ArrayList<>(), purposes = new ArrayList<>(), keys = new ArrayList<>();
        String kind = null, sender = null;
        try {
            DtausDateiParser p = new DtausDateiParser(file, DtausDateiParser.SPEZIFIKATIONSKONFORM);
            if (p.getAnzahlLogischerDateien() != 1) fails.add("OBanToo: " + p.getAnzahlLogischerDateien() + " logical files, expected 1");
            ASatz a = p.getASatz();
            kind = a.getGutschriftLastschrift();
            sender = a.getKundenname().trim();
            for (CSatz c = p.next(); c != null; c = p.next()) {
                count++;
                amounts = amounts.add(BigInteger.valueOf(c.getBetragInCent()));
                accounts = accounts.add(BigInteger.valueOf(c.getKontonummer()));
                banks = banks.add(BigInteger.valueOf(c.getBlzEndbeguenstigt()));
                String n2 = c.getNameEmpfaenger2();
                names.add((c.getNameEmpfaenger().trim() + (n2 == null ? "" : n2.trim())));
                StringBuilder v = new StringBuilder();
                for (int i = 0; i < c.getAnzahlVerwendungszwecke(); i++) v.append(i > 0 ? "\n" : "").append(c.getVerwendungszweck(i + 1).trim());
                purposes.add(v.toString());
                keys.add(String.format("%05d", c.getTextschluessel()));
            }
            ESatz e = p.getESatz();
            if (e.getAnzahlDatensaetze() != count) fails.add("E4: " + e.getAnzahlDatensaetze() + " records, the file has " + count);
            if (!e.getSummeBetraege().equals(amounts)) fails.add("E8: sum of amounts " + e.getSummeBetraege() + ", the C records give " + amounts);
            if (!e.getSummeKontonummern().equals(accounts)) fails.add("E6: sum of accounts " + e.getSummeKontonummern() + ", the C records give " + accounts);
            if (!e.getSummeBankleitzahlen().equals(banks)) fails.add("E7: sum of bank codes " + e.getSummeBankleitzahlen() + ", the C records give " + banks);
        } catch (Exception ex) {
            fails.add("OBanToo: " + ex);
        }

        // hbci4j: structure and the count E4.
        long hbciCount = -1;
        long hbciAmounts = 0;
        List<String> hbciNames = new ArrayList<>();
        try {
            Properties props = new Properties();
            props.setProperty("log.loglevel.default", "0");
            org.kapott.hbci.manager.HBCIUtils.init(props, new org.kapott.hbci.callback.HBCICallbackConsole());
            String text = new String(Files.readAllBytes(Paths.get(file)), StandardCharsets.ISO_8859_1);
            org.kapott.hbci.swift.DTAUS d = new org.kapott.hbci.swift.DTAUS(text);
            hbciCount = d.getEntries().size();
            for (org.kapott.hbci.swift.DTAUS.Transaction t : d.getEntries()) {
                hbciAmounts += t.value.getBigDecimalValue().movePointRight(2).longValueExact();
                hbciNames.add((t.otherAccount.name + (t.otherAccount.name2 == null ? "" : t.otherAccount.name2)).trim());
            }
        } catch (Throwable ex) {
            fails.add("hbci4j: " + ex);
        }

        for (String f : fails) System.err.println("FAIL " + f);
        out.println("{\"kind\":" + (kind == null ? "null" : json(kind)) + ",\"sender\":" + (sender == null ? "null" : json(sender))
                + ",\"count\":" + count + ",\"amounts\":" + amounts + ",\"accounts\":" + accounts + ",\"banks\":" + banks
                + ",\"names\":" + list(names) + ",\"purposes\":" + list(purposes) + ",\"keys\":" + list(keys)
                + ",\"hbci4j\":{\"count\":" + hbciCount + ",\"amounts\":" + hbciAmounts + ",\"names\":" + list(hbciNames) + "}"
                + ",\"ok\":" + fails.isEmpty() + "}");
        System.exit(fails.isEmpty() ? 0 : 1);
    }
}
