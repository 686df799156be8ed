//! The EPP backend (RFC 5730 commands, 5731 domains, 5733 contacts, 5734 transport): one TLS connection,
//! frames with a 4-byte big-endian length that counts itself, greeting, login, commands, logout.
//!
//! TLS is the `openssl` crate rather than rustls or native-tls (see shared/reference/crates.md): ssh2 links
//! OpenSSL into hsadmin already, so the EPP client adds no second TLS stack and almost no build time; it
//! is synchronous like the rest of hsadmin (no tokio for one connection), verifies the registry's name or
//! IP against the system roots or a configured CA file, and offers a client certificate where a registry
//! wants one. Every read and write has a timeout.
use super::xml::{self, CONTACT_NS, DOMAIN_NS, Frame, HOST_NS, Node};
use super::{Answer, Changes, Check, Contact, Dated, Info, Message, NewDomain, Registrar, Transfer};
use crate::config::RegistrarConfig;
use crate::{Error, Result};
use openssl::ssl::{SslConnector, SslFiletype, SslMethod, SslStream, SslVerifyMode};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// No answer of a registry is this long; a longer length is a broken or hostile server.
const MAX_FRAME: usize = 4 << 20;

pub struct Epp {
    stream: SslStream<TcpStream>,
    seq: u32,
}

fn lost(e: impl std::fmt::Display) -> Error {
    Error::Failed(format!("connection to the registry failed: {e}"))
}

/// Reads the password file, refusing one that group or others could read.
fn password(path: &std::path::Path) -> Result<String> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).map_err(|e| Error::Usage(format!("registrar password file {}: {e}", path.display())))?;
    if meta.permissions().mode() & 0o077 != 0 {
        return Err(Error::Usage(format!("registrar password file {} must not be readable by group or others (chmod 600)", path.display())));
    }
    let text = std::fs::read_to_string(path)?;
    Ok(text.lines().next().unwrap_or_default().to_owned())
}

fn tls(c: &RegistrarConfig) -> Result<SslConnector> {
    let tls_err = |e: openssl::error::ErrorStack| Error::Usage(format!("registrar TLS set-up: {e}"));
    let mut b = SslConnector::builder(SslMethod::tls_client()).map_err(tls_err)?;
    b.set_verify(SslVerifyMode::PEER);
    if let Some(ca) = &c.ca_file {
        b.set_ca_file(ca).map_err(tls_err)?;
    }
    if let (Some(cert), Some(key)) = (&c.client_certificate_file, &c.client_key_file) {
        b.set_certificate_chain_file(cert).map_err(tls_err)?;
        b.set_private_key_file(key, SslFiletype::PEM).map_err(tls_err)?;
    }
    Ok(b.build())
}

impl Epp {
    /// Connects, reads the greeting and logs in.
    pub fn connect(c: &RegistrarConfig) -> Result<Self> {
        let pw = password(c.password_file.as_deref().unwrap_or(std::path::Path::new("")))?;
        let timeout = Duration::from_secs(c.timeout_secs);
        let addr = (c.host.as_str(), c.port).to_socket_addrs().map_err(lost)?.next().ok_or_else(|| lost(format!("{} has no address", c.host)))?;
        let tcp = TcpStream::connect_timeout(&addr, timeout).map_err(lost)?;
        tcp.set_read_timeout(Some(timeout))?;
        tcp.set_write_timeout(Some(timeout))?;
        tcp.set_nodelay(true)?;
        let stream = tls(c)?.connect(&c.host, tcp).map_err(lost)?;
        let mut epp = Self { stream, seq: 0 };
        let greeting = epp.read()?;
        if greeting.child("greeting").is_none() {
            return Err(lost("the server sent no EPP greeting"));
        }
        epp.login(&c.client_id, &pw)?;
        Ok(epp)
    }

    fn login(&mut self, id: &str, pw: &str) -> Result<()> {
        let mut f = Frame::command();
        f.start("login", &[])
            .text("clID", &[], id)
            .text("pw", &[], pw)
            .start("options", &[])
            .text("version", &[], "1.0")
            .text("lang", &[], "en")
            .end("options");
        f.start("svcs", &[]).text("objURI", &[], DOMAIN_NS).text("objURI", &[], CONTACT_NS).text("objURI", &[], HOST_NS).end("svcs").end("login");
        self.send(f).map(drop)
    }

    fn write(&mut self, frame: &[u8]) -> Result<()> {
        let len = u32::try_from(frame.len() + 4).map_err(|_| lost("frame too long"))?;
        // Length and frame in one write: one TLS record, so Nagle's algorithm never holds the frame back
        // waiting for the peer's (delayed) ack of the length.
        let mut out = Vec::with_capacity(frame.len() + 4);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(frame);
        self.stream.write_all(&out).map_err(lost)?;
        self.stream.flush().map_err(lost)
    }

    fn read(&mut self) -> Result<Node> {
        let mut len = [0u8; 4];
        self.stream.read_exact(&mut len).map_err(lost)?;
        let len = u32::from_be_bytes(len) as usize;
        if !(5..=MAX_FRAME).contains(&len) {
            return Err(lost(format!("the registry announced a frame of {len} bytes")));
        }
        let mut body = vec![0u8; len - 4];
        self.stream.read_exact(&mut body).map_err(lost)?;
        xml::parse(&body).map_err(|e| lost(format!("unreadable answer: {e}")))
    }

    /// Sends a command, reads its response; a result code of 2000 or more is an error naming it.
    fn send(&mut self, f: Frame) -> Result<(Answer, Node)> {
        self.seq += 1;
        let trid = format!("hsadmin-{}-{}", std::process::id(), self.seq);
        self.write(&f.finish(&trid))?;
        let root = self.read()?;
        let response = root.child("response").ok_or_else(|| lost("the answer is no EPP response"))?;
        let answer = result(response)?;
        if answer.code >= 2000 {
            return Err(Error::Registry { code: answer.code, message: answer.message });
        }
        Ok((answer, response.clone()))
    }

    /// A domain command: `<cmd><domain:cmd xmlns:domain=…><domain:name>…`, the rest written by `body`.
    fn domain(&mut self, cmd: &str, attrs: &[(&str, &str)], name: &str, body: impl FnOnce(&mut Frame)) -> Result<(Answer, Node)> {
        let mut f = Frame::command();
        let el = format!("domain:{cmd}");
        f.start(cmd, attrs).start(&el, &[("xmlns:domain", DOMAIN_NS)]).text("domain:name", &[], name);
        body(&mut f);
        f.end(&el).end(cmd);
        self.send(f)
    }
}

impl Drop for Epp {
    fn drop(&mut self) {
        let mut f = Frame::command();
        f.empty("logout", &[]);
        self.seq += 1;
        if self.write(&f.finish(&format!("hsadmin-{}-logout", std::process::id()))).is_ok() {
            let _ = self.read();
        }
    }
}

/// The result code and message of a response, checked: four digits, the message escaped for terminals.
fn result(response: &Node) -> Result<Answer> {
    let r = response.child("result").ok_or_else(|| lost("the answer has no result"))?;
    let code = r.attr("code").filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit())).and_then(|c| c.parse().ok());
    let code = code.ok_or_else(|| lost("the answer's result code is not four digits"))?;
    let mut message = crate::model::printable(&r.text_at(&["msg"]).unwrap_or_default());
    if let Some(reason) = r.text_at(&["extValue", "reason"]) {
        message = format!("{message} ({})", crate::model::printable(&reason));
    }
    Ok(Answer { code, message })
}

fn text(n: &Node, path: &[&str]) -> Option<String> {
    n.text_at(path).map(|t| crate::model::printable(t.trim()))
}

/// `2027-06-01T12:00:00.0Z` → `2027-06-01`; what is no date is left out.
fn date(n: &Node, path: &[&str]) -> Option<String> {
    let t = text(n, path)?;
    let day = t.get(..10)?;
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok().map(|d| d.to_string())
}

fn period(f: &mut Frame, years: u8) {
    f.text("domain:period", &[("unit", "y")], &years.to_string());
}

fn status_list(f: &mut Frame, statuses: &[String]) {
    for s in statuses {
        f.empty("domain:status", &[("s", s)]);
    }
}

fn ns_list(f: &mut Frame, hosts: &[String]) {
    if !hosts.is_empty() {
        f.start("domain:ns", &[]);
        for h in hosts {
            f.text("domain:hostObj", &[], h);
        }
        f.end("domain:ns");
    }
}

fn transfer(answer: Answer, r: &Node) -> Transfer {
    let data = ["resData", "trnData"];
    Transfer { status: text(r, &[data[0], data[1], "trStatus"]).unwrap_or_else(|| "unknown".into()), expires: date(r, &[data[0], data[1], "exDate"]), answer }
}

impl Registrar for Epp {
    fn check(&mut self, domain: &str) -> Result<Check> {
        let (answer, r) = self.domain("check", &[], domain, |_| {})?;
        let cd = r.path(&["resData", "chkData", "cd"]).ok_or_else(|| lost("the check answer has no chkData"))?;
        let name = cd.child("name").ok_or_else(|| lost("the check answer names no domain"))?;
        let available = matches!(name.attr("avail"), Some("1" | "true"));
        Ok(Check { available, reason: text(cd, &["reason"]), answer })
    }

    fn create_contact(&mut self, c: &Contact) -> Result<Answer> {
        let mut f = Frame::command();
        f.start("create", &[]).start("contact:create", &[("xmlns:contact", CONTACT_NS)]).text("contact:id", &[], &c.handle);
        f.start("contact:postalInfo", &[("type", "int")]).text("contact:name", &[], &c.name);
        if let Some(org) = &c.org {
            f.text("contact:org", &[], org);
        }
        f.start("contact:addr", &[]);
        if let Some(street) = &c.street {
            f.text("contact:street", &[], street);
        }
        f.text("contact:city", &[], &c.city);
        if let Some(zip) = &c.zip {
            f.text("contact:pc", &[], zip);
        }
        f.text("contact:cc", &[], &c.country).end("contact:addr").end("contact:postalInfo");
        if let Some(voice) = &c.voice {
            f.text("contact:voice", &[], voice);
        }
        f.text("contact:email", &[], &c.email).start("contact:authInfo", &[]).text("contact:pw", &[], &c.auth_code).end("contact:authInfo");
        f.end("contact:create").end("create");
        self.send(f).map(|(a, _)| a)
    }

    fn create(&mut self, d: &NewDomain) -> Result<Dated> {
        let (answer, r) = self.domain("create", &[], d.name, |f| {
            period(f, d.period_years);
            ns_list(f, d.nameservers);
            f.text("domain:registrant", &[], d.registrant);
            for (kind, handle) in [("admin", d.admin), ("tech", d.tech)] {
                if let Some(h) = handle {
                    f.text("domain:contact", &[("type", kind)], h);
                }
            }
            f.start("domain:authInfo", &[]).text("domain:pw", &[], d.auth_code).end("domain:authInfo");
        })?;
        Ok(Dated { expires: date(&r, &["resData", "creData", "exDate"]), answer })
    }

    fn info(&mut self, domain: &str) -> Result<Info> {
        let (answer, r) = self.domain("info", &[], domain, |_| {})?;
        let d = r.path(&["resData", "infData"]).ok_or_else(|| lost("the info answer has no infData"))?;
        let contact = |kind: &str| d.all("contact").find(|c| c.attr("type") == Some(kind)).map(|c| crate::model::printable(c.text.trim()));
        Ok(Info {
            name: text(d, &["name"]).unwrap_or_default(),
            roid: text(d, &["roid"]),
            status: d.all("status").filter_map(|s| s.attr("s")).map(crate::model::printable).collect(),
            registrant: text(d, &["registrant"]),
            admin: contact("admin"),
            tech: contact("tech"),
            nameservers: d.child("ns").map(|ns| ns.all("hostObj").map(|h| crate::model::printable(h.text.trim())).collect()).unwrap_or_default(),
            client: text(d, &["clID"]),
            created: date(d, &["crDate"]),
            expires: date(d, &["exDate"]),
            answer: Some(answer),
        })
    }

    fn transfer_request(&mut self, domain: &str, auth_code: &str) -> Result<Transfer> {
        let (answer, r) = self.domain("transfer", &[("op", "request")], domain, |f| {
            f.start("domain:authInfo", &[]).text("domain:pw", &[], auth_code).end("domain:authInfo");
        })?;
        Ok(transfer(answer, &r))
    }

    fn transfer_query(&mut self, domain: &str) -> Result<Transfer> {
        let (answer, r) = self.domain("transfer", &[("op", "query")], domain, |_| {})?;
        Ok(transfer(answer, &r))
    }

    fn update(&mut self, domain: &str, c: &Changes) -> Result<Answer> {
        let (answer, _) = self.domain("update", &[], domain, |f| {
            for (el, ns, status) in [("domain:add", &c.add_nameservers, &c.add_status), ("domain:rem", &c.remove_nameservers, &c.remove_status)] {
                if !ns.is_empty() || !status.is_empty() {
                    f.start(el, &[]);
                    ns_list(f, ns);
                    status_list(f, status);
                    f.end(el);
                }
            }
            if let Some(r) = &c.registrant {
                f.start("domain:chg", &[]).text("domain:registrant", &[], r).end("domain:chg");
            }
        })?;
        Ok(answer)
    }

    fn renew(&mut self, domain: &str, current_expiry: &str, period_years: u8) -> Result<Dated> {
        let (answer, r) = self.domain("renew", &[], domain, |f| {
            f.text("domain:curExpDate", &[], current_expiry);
            period(f, period_years);
        })?;
        Ok(Dated { expires: date(&r, &["resData", "renData", "exDate"]), answer })
    }

    fn delete(&mut self, domain: &str) -> Result<Answer> {
        self.domain("delete", &[], domain, |_| {}).map(|(a, _)| a)
    }

    fn poll_req(&mut self) -> Result<Option<Message>> {
        let mut f = Frame::command();
        f.empty("poll", &[("op", "req")]);
        let (answer, r) = self.send(f)?;
        if answer.code == 1300 {
            return Ok(None);
        }
        let q = r.child("msgQ").ok_or_else(|| lost("a poll answer without msgQ"))?;
        let id = q.attr("id").map(crate::model::printable).filter(|i| !i.is_empty()).ok_or_else(|| lost("a poll message without id"))?;
        let trn = ["resData", "trnData"];
        Ok(Some(Message {
            id,
            date: text(q, &["qDate"]),
            text: text(q, &["msg"]).unwrap_or_default(),
            domain: text(&r, &[trn[0], trn[1], "name"]),
            transfer_status: text(&r, &[trn[0], trn[1], "trStatus"]),
            expires: date(&r, &[trn[0], trn[1], "exDate"]),
            answer,
        }))
    }

    fn poll_ack(&mut self, id: &str) -> Result<Answer> {
        let mut f = Frame::command();
        f.empty("poll", &[("op", "ack"), ("msgID", id)]);
        self.send(f).map(|(a, _)| a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(result: &str) -> Node {
        let doc = format!("<epp xmlns=\"urn:ietf:params:xml:ns:epp-1.0\"><response>{result}<trID><svTRID>1</svTRID></trID></response></epp>");
        xml::parse(doc.as_bytes()).unwrap().child("response").unwrap().clone()
    }

    #[test]
    fn result_codes_are_four_digits_and_messages_are_escaped() {
        let a = result(&response("<result code=\"2302\"><msg>Object exists\u{1b}[2J</msg></result>")).unwrap();
        assert_eq!(a.code, 2302);
        assert!(!a.message.contains('\u{1b}'), "{:?}", a.message);
        assert!(a.message.starts_with("Object exists"));
        for bad in ["<result code=\"20021\"><msg>x</msg></result>", "<result code=\"+100\"><msg>x</msg></result>", "<result><msg>x</msg></result>", ""] {
            assert!(result(&response(bad)).is_err(), "{bad}");
        }
        let with_reason =
            result(&response("<result code=\"2004\"><msg>Parameter value range error</msg><extValue><value/><reason>period</reason></extValue></result>"))
                .unwrap();
        assert_eq!(with_reason.message, "Parameter value range error (period)");
    }

    #[test]
    fn dates_keep_the_day() {
        let n = response("<resData><creData><exDate>2027-06-01T12:00:00.0Z</exDate></creData></resData>");
        assert_eq!(date(&n, &["resData", "creData", "exDate"]).unwrap(), "2027-06-01");
        let bad = response("<resData><creData><exDate>soon; rm -rf</exDate></creData></resData>");
        assert_eq!(date(&bad, &["resData", "creData", "exDate"]), None);
    }
}
