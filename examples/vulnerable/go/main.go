// A net/http server with classic mistakes.
package main

import (
	"crypto/md5"
	"crypto/tls"
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
)

var db *sql.DB

func user(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	rows, _ := db.Query("SELECT * FROM users WHERE id = " + id)
	defer rows.Close()
}

func ping(w http.ResponseWriter, r *http.Request) {
	host := r.FormValue("host")
	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
	w.Write(out)
}

func hello(w http.ResponseWriter, r *http.Request) {
	fmt.Fprintf(w, "<h1>Hello %s</h1>", r.FormValue("name"))
}

func file(w http.ResponseWriter, r *http.Request) {
	data, _ := os.ReadFile("/srv/files/" + r.URL.Query().Get("name"))
	w.Write(data)
}

func sum(b []byte) [16]byte { return md5.Sum(b) }

var client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}

func main() {
	http.HandleFunc("/user", user)
	http.HandleFunc("/ping", ping)
	http.ListenAndServe(":8080", nil)
}
