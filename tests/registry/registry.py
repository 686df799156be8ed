#!/usr/bin/python3
"""A test EPP registry (RFC 5730-5734) for tests/registrar.rs: TLS on 127.0.0.1, 4-byte length framing,
greeting, login/logout, domain check/create/info/transfer/update/renew/delete, contact create, poll
req/ack, and the error codes 2302, 2201, 2202, 2303 (and 2304, 2306).

Every frame the client sends is validated against the official EPP schemas in tests/data/epp/; invalid
frames are recorded in DIR/invalid.log (the Rust test fails on any) and answered with 2001.

    registry.py DIR     makes a CA and a server certificate in DIR, listens on a free port, prints
                        "port N", then takes control commands on stdin, one a line, each answered "ok ...":
      approve NAME      the pending transfer of NAME is approved; a poll message appears
      preload NAME CLID AUTH   a domain of another registrar, with its auth code
      steal NAME        NAME now belongs to another registrar
      hide NAME         domain:check calls NAME available although it exists (a race)
      drop-create       the next domain:create is carried out, then the connection dropped unanswered
      lose-create       the next domain:create is dropped with the connection before it is carried out
      drop-transfer     the next transfer request is carried out, then the connection dropped unanswered
      keep-ack          the next poll ack answers 1000 but keeps the message (a lost ack)
      stats             one JSON line: frames, commands, invalid frames, acks
"""
import datetime
import json
import os
import socket
import ssl
import struct
import subprocess
import sys
import threading

from lxml import etree

EPP = "urn:ietf:params:xml:ns:epp-1.0"
DOMAIN = "urn:ietf:params:xml:ns:domain-1.0"
CONTACT = "urn:ietf:params:xml:ns:contact-1.0"
HOST = "urn:ietf:params:xml:ns:host-1.0"
NS = {"e": EPP, "d": DOMAIN, "c": CONTACT}
CLIENT, PASSWORD = "hsadmin-test", "secret"
HERE = os.path.dirname(os.path.abspath(__file__))
XSD_DIR = os.path.join(HERE, "..", "data", "epp")
MAX_FRAME = 1 << 20


def schema():
    """One XMLSchema covering epp.xsd and the domain, contact and host mappings, all from local files."""
    wrapper = '<schema xmlns="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:hsadmin:test:all">'
    for ns, f in ((EPP, "epp.xsd"), (DOMAIN, "domain.xsd"), (CONTACT, "contact.xsd"), (HOST, "host.xsd")):
        wrapper += '<import namespace="%s" schemaLocation="%s"/>' % (ns, f)
    wrapper += "</schema>"
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    doc = etree.fromstring(wrapper.encode(), parser, base_url=os.path.join(os.path.abspath(XSD_DIR), "all.xsd"))
    return etree.XMLSchema(doc)


def certificates(d):
    def run(*args):
        subprocess.run(["openssl", *args], check=True, cwd=d, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    run("req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=hsadmin test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost")
    with open(os.path.join(d, "ext.cnf"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n")
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def today():
    return datetime.date(2026, 6, 1)


def plus_years(d, n):
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28)


class Registry:
    def __init__(self, d):
        self.dir = d
        self.lock = threading.Lock()
        self.schema = schema()
        self.domains = {}
        self.contacts = set()
        self.queue = []
        self.next_msg = 1
        self.roid = 1
        self.flags = set()
        self.hidden = set()
        self.frames = 0
        self.commands = []
        self.invalid = 0
        self.acks = []

    # --- control --------------------------------------------------------------------------------
    def control(self, line):
        words = line.split()
        if not words:
            return "ok"
        cmd, args = words[0], words[1:]
        with self.lock:
            if cmd == "approve":
                return self.approve(args[0])
            if cmd == "preload":
                self.domains[args[0]] = self.new_domain(args[0], args[1], "OTHER-1", [], args[2], 1)
            elif cmd == "steal":
                self.domains[args[0]]["clID"] = "other-registrar"
            elif cmd == "hide":
                self.hidden.add(args[0])
            elif cmd in ("drop-create", "lose-create", "drop-transfer", "keep-ack"):
                self.flags.add(cmd)
            elif cmd == "stats":
                return "ok " + json.dumps({"frames": self.frames, "commands": self.commands, "invalid": self.invalid, "acks": self.acks})
            else:
                return "unknown command"
        return "ok"

    def approve(self, name):
        d = self.domains.get(name)
        if not d or not d.get("transfer"):
            return "no pending transfer"
        gaining = d["transfer"]
        d["transfer"] = None
        d["clID"] = gaining
        d["exDate"] = plus_years(d["exDate"], 1)
        d["trStatus"] = "serverApproved"
        mid = str(self.next_msg)
        self.next_msg += 1
        self.queue.append((mid, "Transfer approved", self.trn_data(name, d)))
        return "ok"

    # --- framing and validation -------------------------------------------------------------------
    def serve(self, conn):
        try:
            send(conn, self.greeting())
            state = {"login": None}
            while True:
                frame = recv(conn)
                if frame is None:
                    return
                answer = self.handle(frame, state)
                if answer is None:
                    return
                send(conn, answer)
        except (OSError, ssl.SSLError):
            return
        finally:
            try:
                conn.close()
            except OSError:
                pass

    def handle(self, frame, state):
        with self.lock:
            self.frames += 1
        parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
        try:
            doc = etree.fromstring(frame, parser)
            valid = self.schema.validate(doc)
            error = str(self.schema.error_log)
        except etree.XMLSyntaxError as e:
            doc, valid, error = None, False, str(e)
        if not valid:
            with self.lock:
                self.invalid += 1
                with open(os.path.join(self.dir, "invalid.log"), "a") as f:
                    f.write("%s\n%s\n\n" % (error, frame.decode("utf-8", "replace")))
            return self.response("", 2001, "Command syntax error")
        cmd = doc.find("e:command", NS)
        if cmd is None:
            return self.greeting()
        trid = cmd.findtext("e:clTRID", default="", namespaces=NS)
        verb = cmd[0]
        name = etree.QName(verb).localname
        if name == "poll":
            kind = "poll:" + verb.get("op")
        elif name in ("login", "logout"):
            kind = name
        else:
            kind = "%s:%s" % (etree.QName(verb[0]).namespace.split(":")[-1].split("-")[0], name)
        with self.lock:
            self.commands.append(kind)
            return self.dispatch(kind, verb, trid, state)

    def dispatch(self, kind, verb, trid, state):
        if kind == "login":
            if verb.findtext("e:clID", namespaces=NS) != CLIENT or verb.findtext("e:pw", namespaces=NS) != PASSWORD:
                return self.response(trid, 2200, "Authentication error")
            state["login"] = CLIENT
            return self.response(trid, 1000, "Command completed successfully")
        if state["login"] is None:
            return self.response(trid, 2002, "Command use error: not logged in")
        if kind == "logout":
            return self.response(trid, 1500, "Command completed successfully; ending session")
        handler = {
            "domain:check": self.check, "domain:create": self.create, "domain:info": self.info,
            "domain:transfer": self.transfer, "domain:update": self.update, "domain:renew": self.renew,
            "domain:delete": self.delete, "contact:create": self.contact_create,
            "poll:req": self.poll_req, "poll:ack": self.poll_ack,
        }.get(kind)
        if handler is None:
            return self.response(trid, 2101, "Unimplemented command")
        return handler(verb, trid, state["login"])

    # --- answers ----------------------------------------------------------------------------------
    def greeting(self):
        uris = "".join("<objURI>%s</objURI>" % u for u in (DOMAIN, CONTACT, HOST))
        return ('<?xml version="1.0" encoding="UTF-8"?><epp xmlns="%s"><greeting><svID>hsadmin test registry</svID>'
                "<svDate>2026-06-01T00:00:00.0Z</svDate><svcMenu><version>1.0</version><lang>en</lang>%s</svcMenu>"
                "<dcp><access><all/></access><statement><purpose><admin/></purpose><recipient><ours/></recipient>"
                "<retention><stated/></retention></statement></dcp></greeting></epp>" % (EPP, uris)).encode()

    def response(self, trid, code, msg, res="", msgq=""):
        return ('<?xml version="1.0" encoding="UTF-8"?><epp xmlns="%s"><response><result code="%d"><msg>%s</msg></result>'
                "%s%s<trID><clTRID>%s</clTRID><svTRID>SV-%d</svTRID></trID></response></epp>"
                % (EPP, code, esc(msg), msgq, res, esc(trid), self.frames)).encode()

    def res(self, body):
        return '<resData>%s</resData>' % body

    def new_domain(self, name, client, registrant, ns, auth, years):
        self.roid += 1
        return {"roid": "D%d-TEST" % self.roid, "clID": client, "registrant": registrant, "ns": list(ns),
                "status": set(), "crDate": today(), "exDate": plus_years(today(), years), "auth": auth,
                "transfer": None, "trStatus": None, "contacts": []}

    def trn_data(self, name, d):
        return ('<domain:trnData xmlns:domain="%s"><domain:name>%s</domain:name><domain:trStatus>%s</domain:trStatus>'
                "<domain:reID>%s</domain:reID><domain:reDate>2026-06-01T00:00:00.0Z</domain:reDate><domain:acID>other-registrar</domain:acID>"
                "<domain:acDate>2026-06-06T00:00:00.0Z</domain:acDate><domain:exDate>%sT00:00:00.0Z</domain:exDate></domain:trnData>"
                % (DOMAIN, esc(name), d["trStatus"] or "pending", CLIENT, d["exDate"].isoformat()))

    def name(self, verb):
        return verb[0].findtext("d:name", namespaces=NS)

    def check(self, verb, trid, me):
        out = ""
        for n in verb[0].findall("d:name", NS):
            taken = n.text in self.domains and n.text not in self.hidden
            reason = "<domain:reason>In use</domain:reason>" if taken else ""
            out += '<domain:cd><domain:name avail="%d">%s</domain:name>%s</domain:cd>' % (0 if taken else 1, esc(n.text), reason)
        return self.response(trid, 1000, "Command completed successfully", self.res('<domain:chkData xmlns:domain="%s">%s</domain:chkData>' % (DOMAIN, out)))

    def contact_create(self, verb, trid, me):
        cid = verb[0].findtext("c:id", namespaces=NS)
        if cid in self.contacts:
            return self.response(trid, 2302, "Object exists")
        self.contacts.add(cid)
        body = '<contact:creData xmlns:contact="%s"><contact:id>%s</contact:id><contact:crDate>2026-06-01T00:00:00.0Z</contact:crDate></contact:creData>' % (CONTACT, esc(cid))
        return self.response(trid, 1000, "Command completed successfully", self.res(body))

    def create(self, verb, trid, me):
        c = verb[0]
        name = self.name(verb)
        if "lose-create" in self.flags:
            self.flags.discard("lose-create")
            return None
        if name in self.domains:
            return self.response(trid, 2302, "Object exists")
        years = int(c.findtext("d:period", default="1", namespaces=NS))
        ns = [h.text for h in c.findall("d:ns/d:hostObj", NS)]
        auth = c.findtext("d:authInfo/d:pw", namespaces=NS)
        d = self.new_domain(name, me, c.findtext("d:registrant", namespaces=NS), ns, auth, years)
        d["contacts"] = [(x.get("type"), x.text) for x in c.findall("d:contact", NS)]
        self.domains[name] = d
        if "drop-create" in self.flags:
            self.flags.discard("drop-create")
            return None
        body = ('<domain:creData xmlns:domain="%s"><domain:name>%s</domain:name><domain:crDate>2026-06-01T00:00:00.0Z</domain:crDate>'
                "<domain:exDate>%sT00:00:00.0Z</domain:exDate></domain:creData>" % (DOMAIN, esc(name), d["exDate"].isoformat()))
        return self.response(trid, 1000, "Command completed successfully", self.res(body))

    def info(self, verb, trid, me):
        name = self.name(verb)
        d = self.domains.get(name)
        if d is None:
            return self.response(trid, 2303, "Object does not exist")
        status = "".join('<domain:status s="%s"/>' % s for s in sorted(d["status"])) or '<domain:status s="ok"/>'
        ns = "<domain:ns>%s</domain:ns>" % "".join("<domain:hostObj>%s</domain:hostObj>" % esc(h) for h in d["ns"]) if d["ns"] else ""
        contacts = "".join('<domain:contact type="%s">%s</domain:contact>' % (esc(t), esc(h)) for t, h in d["contacts"])
        auth = "<domain:authInfo><domain:pw>%s</domain:pw></domain:authInfo>" % esc(d["auth"]) if d["clID"] == me else ""
        body = ('<domain:infData xmlns:domain="%s"><domain:name>%s</domain:name><domain:roid>%s</domain:roid>%s'
                "<domain:registrant>%s</domain:registrant>%s%s<domain:clID>%s</domain:clID><domain:crDate>%sT00:00:00.0Z</domain:crDate>"
                "<domain:exDate>%sT00:00:00.0Z</domain:exDate>%s</domain:infData>"
                % (DOMAIN, esc(name), d["roid"], status, esc(d["registrant"]), contacts, ns, esc(d["clID"]), d["crDate"].isoformat(), d["exDate"].isoformat(), auth))
        return self.response(trid, 1000, "Command completed successfully", self.res(body))

    def transfer(self, verb, trid, me):
        name = self.name(verb)
        d = self.domains.get(name)
        if d is None:
            return self.response(trid, 2303, "Object does not exist")
        if verb.get("op") == "query":
            if d["trStatus"] is None:
                return self.response(trid, 2301, "Object not pending transfer")
            return self.response(trid, 1000, "Command completed successfully", self.res(self.trn_data(name, d)))
        if d["clID"] == me:
            return self.response(trid, 2106, "Object is not eligible for transfer")
        if verb[0].findtext("d:authInfo/d:pw", namespaces=NS) != d["auth"]:
            return self.response(trid, 2202, "Invalid authorization information")
        d["transfer"], d["trStatus"] = me, "pending"
        if "drop-transfer" in self.flags:
            self.flags.discard("drop-transfer")
            return None
        return self.response(trid, 1001, "Command completed successfully; action pending", self.res(self.trn_data(name, d)))

    def mine(self, verb, trid, me):
        """The domain of the command if it belongs to the client, else the error answer."""
        d = self.domains.get(self.name(verb))
        if d is None:
            return None, self.response(trid, 2303, "Object does not exist")
        if d["clID"] != me:
            return None, self.response(trid, 2201, "Authorization error")
        return d, None

    def update(self, verb, trid, me):
        d, err = self.mine(verb, trid, me)
        if err:
            return err
        c = verb[0]
        for h in c.findall("d:rem/d:ns/d:hostObj", NS):
            if h.text in d["ns"]:
                d["ns"].remove(h.text)
        d["ns"] += [h.text for h in c.findall("d:add/d:ns/d:hostObj", NS) if h.text not in d["ns"]]
        d["status"] -= {s.get("s") for s in c.findall("d:rem/d:status", NS)}
        d["status"] |= {s.get("s") for s in c.findall("d:add/d:status", NS)}
        r = c.findtext("d:chg/d:registrant", namespaces=NS)
        if r:
            d["registrant"] = r
        return self.response(trid, 1000, "Command completed successfully")

    def renew(self, verb, trid, me):
        d, err = self.mine(verb, trid, me)
        if err:
            return err
        if verb[0].findtext("d:curExpDate", namespaces=NS) != d["exDate"].isoformat():
            return self.response(trid, 2306, "Parameter value policy error: curExpDate")
        d["exDate"] = plus_years(d["exDate"], int(verb[0].findtext("d:period", default="1", namespaces=NS)))
        body = ('<domain:renData xmlns:domain="%s"><domain:name>%s</domain:name><domain:exDate>%sT00:00:00.0Z</domain:exDate></domain:renData>'
                % (DOMAIN, esc(self.name(verb)), d["exDate"].isoformat()))
        return self.response(trid, 1000, "Command completed successfully", self.res(body))

    def delete(self, verb, trid, me):
        d, err = self.mine(verb, trid, me)
        if err:
            return err
        if "clientDeleteProhibited" in d["status"]:
            return self.response(trid, 2304, "Object status prohibits operation")
        del self.domains[self.name(verb)]
        return self.response(trid, 1000, "Command completed successfully")

    def poll_req(self, verb, trid, me):
        if not self.queue:
            return self.response(trid, 1300, "Command completed successfully; no messages")
        mid, text, trn = self.queue[0]
        msgq = '<msgQ count="%d" id="%s"><qDate>2026-06-06T00:00:00.0Z</qDate><msg>%s</msg></msgQ>' % (len(self.queue), mid, esc(text))
        return self.response(trid, 1301, "Command completed successfully; ack to dequeue", self.res(trn), msgq)

    def poll_ack(self, verb, trid, me):
        mid = verb.get("msgID")
        if not self.queue or self.queue[0][0] != mid:
            return self.response(trid, 2303, "Object does not exist")
        self.acks.append(mid)
        if "keep-ack" in self.flags:
            self.flags.discard("keep-ack")
        else:
            self.queue.pop(0)
        return self.response(trid, 1000, "Command completed successfully")


def recv_exact(conn, n):
    buf = b""
    while len(buf) < n:
        chunk = conn.recv(n - len(buf))
        if not chunk:
            return None
        buf += chunk
    return buf


def recv(conn):
    head = recv_exact(conn, 4)
    if head is None:
        return None
    (n,) = struct.unpack(">I", head)
    if n < 5 or n > MAX_FRAME:
        return None
    return recv_exact(conn, n - 4)


def send(conn, data):
    conn.sendall(struct.pack(">I", len(data) + 4) + data)


def main():
    d = sys.argv[1]
    certificates(d)
    reg = Registry(d)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(d, "server.pem"), os.path.join(d, "server.key"))
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)

    def accept():
        while True:
            raw, _ = sock.accept()
            try:
                conn = ctx.wrap_socket(raw, server_side=True)
            except (OSError, ssl.SSLError):
                raw.close()
                continue
            threading.Thread(target=reg.serve, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    print("port %d" % sock.getsockname()[1], flush=True)
    for line in sys.stdin:
        print(reg.control(line.strip()), flush=True)


if __name__ == "__main__":
    main()
