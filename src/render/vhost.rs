//! An Apache vhost file for one domain: the domain and `www.` on the main document root, each subdomain on
//! its own, per-domain logs, the domain's options, and HTTPS with the configured certificate when enabled.
//! Every `<VirtualHost>` (the HTTP redirect of an HTTPS domain too) also appends its requests' byte
//! counts to the traffic log, under the domain's own name (`render::traffic_log_line`).
use super::{LOG_ROOT, MANAGED_HEADER, traffic_log_line};
use crate::config::WebConfig;
use crate::ledger::domain::Domain;

/// Renders the vhost file of `domain`, whose tree is `root` (`/home/pacs/xyz00/doms/example.org`).
pub fn render(domain: &Domain, root: &str, web: &WebConfig) -> String {
    let name = domain.name.as_str();
    let logs = format!("{LOG_ROOT}/{name}");
    let traffic = traffic_log_line(name);
    let mut s = format!(
        "{MANAGED_HEADER}\n# {} of package {}, domain admin {}\n\n",
        describe(domain),
        domain.package,
        domain.user.as_ref().map(|u| u.as_str()).unwrap_or("-")
    );

    let mut options = vec!["SymLinksIfOwnerMatch"];
    if domain.indexes {
        options.push("Indexes");
    }
    if domain.cgi {
        options.push("ExecCGI");
    }
    s += &format!("<Directory {root}>\n    Options {}\n    AllowOverride AuthConfig FileInfo Indexes Limit\n    Require all granted\n", options.join(" "));
    if domain.cgi {
        s += "    AddHandler cgi-script .cgi .pl .py\n";
    }
    if domain.php {
        s += &format!("    <FilesMatch \"\\.php$\">\n        SetHandler \"proxy:unix:{}|fcgi://localhost\"\n    </FilesMatch>\n", web.php_fpm_socket);
    }
    s += "</Directory>\n";

    let mut sites = vec![(name.to_owned(), vec![format!("www.{name}")], format!("{root}/htdocs"))];
    for sub in &domain.subdomains {
        sites.push((format!("{sub}.{name}"), vec![], format!("{root}/subs/{sub}")));
    }
    for (server_name, aliases, docroot) in &sites {
        let alias = if aliases.is_empty() { String::new() } else { format!("    ServerAlias {}\n", aliases.join(" ")) };
        let common = format!(
            "    ServerName {server_name}\n{alias}    DocumentRoot {docroot}\n    ErrorLog {logs}/error.log\n    CustomLog {logs}/access.log combined\n{traffic}"
        );
        if domain.https {
            s += &format!(
                "\n<VirtualHost *:80>\n    ServerName {server_name}\n{alias}    Redirect permanent / https://{server_name}/\n{traffic}</VirtualHost>\n"
            );
            s += &format!(
                "\n<IfModule ssl_module>\n<VirtualHost *:443>\n{common}    SSLEngine on\n    SSLCertificateFile {}\n    SSLCertificateKeyFile {}\n</VirtualHost>\n</IfModule>\n",
                web.certificate_file.replace("{domain}", name),
                web.certificate_key_file.replace("{domain}", name)
            );
        } else {
            s += &format!("\n<VirtualHost *:80>\n{common}</VirtualHost>\n");
        }
    }
    s
}

fn describe(d: &Domain) -> String {
    if d.unicode == d.name.as_str() { d.name.to_string() } else { format!("{} ({})", d.name, d.unicode) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::web::tests::domain;

    #[test]
    fn plain_http_with_www_and_a_subdomain() {
        let d = domain("example.org", "xyz00-web");
        let text = render(&d, "/home/pacs/xyz00/doms/example.org", &WebConfig::default());
        assert!(text.starts_with(MANAGED_HEADER));
        assert!(
            text.contains("ServerName example.org\n    ServerAlias www.example.org\n    DocumentRoot /home/pacs/xyz00/doms/example.org/htdocs\n"),
            "{text}"
        );
        assert!(text.contains("ServerName blog.example.org\n    DocumentRoot /home/pacs/xyz00/doms/example.org/subs/blog\n"), "{text}");
        assert!(text.contains("CustomLog /var/log/apache2/hsadmin/example.org/access.log combined"));
        assert!(text.contains("Options SymLinksIfOwnerMatch Indexes\n"));
        assert!(!text.contains("443"));
        // Every vhost, the subdomain's too, counts its bytes under the ledger's domain, never the Host header.
        let traffic = "    CustomLog /var/log/apache2/hsadmin-traffic.log \"%{%Y-%m-%d}t example.org %I %O\"\n";
        assert_eq!(text.matches(traffic).count(), 2, "{text}");
        assert!(!text.contains("%V") && !text.contains("%v"), "{text}");
    }

    #[test]
    fn https_redirects_and_uses_the_configured_certificate() {
        let mut d = domain("example.org", "xyz00-web");
        d.https = true;
        d.cgi = true;
        d.indexes = false;
        let web =
            WebConfig { certificate_file: "/etc/ssl/h/{domain}.pem".into(), certificate_key_file: "/etc/ssl/h/{domain}.key".into(), ..WebConfig::default() };
        let text = render(&d, "/home/pacs/xyz00/doms/example.org", &web);
        assert!(text.contains("Redirect permanent / https://example.org/"));
        assert!(text.contains("SSLCertificateFile /etc/ssl/h/example.org.pem\n    SSLCertificateKeyFile /etc/ssl/h/example.org.key"), "{text}");
        assert!(text.contains("Options SymLinksIfOwnerMatch ExecCGI\n"));
        assert!(text.contains("AddHandler cgi-script"));
        // The redirect on port 80 and the site on 443, for the domain and its subdomain: four vhosts, four lines.
        assert_eq!(text.matches("CustomLog /var/log/apache2/hsadmin-traffic.log \"%{%Y-%m-%d}t example.org %I %O\"").count(), 4, "{text}");
    }
}
