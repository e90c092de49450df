//! Whole outlines of one realistic file per language: every symbol with its kind, container,
//! name and line range, so a grammar upgrade or a rule change that loses, adds or misplaces a
//! definition shows up as a diff of the outline.

use super::{Language, extract_symbols};

/// `kind container.name start-end` per symbol, in source order.
fn outline(language: Language, source: &str) -> Vec<String> {
    extract_symbols(language, source)
        .iter()
        .map(|s| {
            let container = s
                .container
                .as_deref()
                .map(|c| format!("{c}."))
                .unwrap_or_default();
            format!(
                "{} {}{} {}-{}",
                s.kind, container, s.name, s.start_line, s.end_line
            )
        })
        .collect()
}

#[test]
fn c_functions_types_and_macros() {
    let source = r#"#include <stdio.h>
#define MAX_LEN 64
#define SQUARE(x) ((x) * (x))

/* A point in the plane. */
struct point {
    int x;
    int y;
};

typedef struct point point_t;

enum color { RED, GREEN };

union value { int i; float f; };

struct point *origin(void);

// Adds two numbers.
static int add(int a, int b)
{
    return a + b;
}

static char *name_of(struct point *p) {
    return "p";
}
"#;
    assert_eq!(
        outline(Language::C, source),
        vec![
            "macro MAX_LEN 2-2",
            "macro SQUARE 3-3",
            "struct point 6-9",
            "type point_t 11-11",
            "enum color 13-13",
            "struct value 15-15",
            "function add 20-23",
            "function name_of 25-27"
        ]
    );
}

#[test]
fn cpp_classes_namespaces_and_out_of_line_methods() {
    let source = r#"namespace geo {

/// A shape.
class Shape {
public:
    virtual double area() const = 0;
    int id;
};

struct Circle : Shape {
    double area() const override { return 3.14 * r * r; }
    double r;
};

double Shape::perimeter() const {
    return 0.0;
}

template <typename T>
T max_of(T a, T b) { return a > b ? a : b; }

using Id = int;
}
"#;
    assert_eq!(
        outline(Language::Cpp, source),
        vec![
            "module geo 1-23",
            "class Shape 4-8",
            "method Shape.area 6-6",
            "struct Circle 10-13",
            "method Circle.area 11-11",
            "method Shape.perimeter 15-17",
            "function max_of 20-20",
            "type Id 22-22",
        ]
    );
}

#[test]
fn csharp_types_members_and_namespaces() {
    let source = r#"using System;

namespace Shop.Billing
{
    /// <summary>Computes invoices.</summary>
    public class Invoice
    {
        public Invoice(int id) { Id = id; }
        public int Id { get; }
        public decimal Total(decimal[] items)
        {
            return 0;
        }
    }

    public interface IPayable { void Pay(); }

    public struct Money { public decimal Amount; }

    public enum Status { Open, Paid }

    public record Customer(string Name);
}
"#;
    assert_eq!(
        outline(Language::CSharp, source),
        vec![
            "module Shop.Billing 3-23",
            "class Invoice 6-14",
            "method Invoice.Invoice 8-8",
            "method Invoice.Total 10-13",
            "interface IPayable 16-16",
            "method IPayable.Pay 16-16",
            "struct Money 18-18",
            "enum Status 20-20",
            "class Customer 22-22",
        ]
    );
}

#[test]
fn php_classes_traits_and_functions() {
    let source = r#"<?php
namespace App\Models;

/** A user. */
class User extends Model
{
    public function fullName(): string
    {
        return $this->first . ' ' . $this->last;
    }
}

interface Greets { public function greet(); }

trait Loggable { function log($m) {} }

function helper($x) {
    return $x;
}
"#;
    assert_eq!(
        outline(Language::Php, source),
        vec![
            "module App\\Models 2-2",
            "class User 5-11",
            "method User.fullName 7-10",
            "interface Greets 13-13",
            "method Greets.greet 13-13",
            "trait Loggable 15-15",
            "method Loggable.log 15-15",
            "function helper 17-19",
        ]
    );
}

#[test]
fn ruby_modules_classes_methods_and_constants() {
    let source = r#"MAX_RETRIES = 3

# Talks to the API.
module Api
  class Client
    TIMEOUT = 5

    def initialize(token)
      @token = token
    end

    def self.default
      new(ENV["TOKEN"])
    end
  end
end

def top_level_helper
  1
end
"#;
    assert_eq!(
        outline(Language::Ruby, source),
        vec![
            "constant MAX_RETRIES 1-1",
            "module Api 4-16",
            "class Client 5-15",
            "constant Client.TIMEOUT 6-6",
            "method Client.initialize 8-10",
            "method Client.default 12-14",
            "function top_level_helper 18-20",
        ]
    );
}

#[test]
fn kotlin_classes_objects_and_functions() {
    let source = r#"package app

/** A repository. */
interface Repo {
    fun find(id: Int): User?
}

data class User(val id: Int, val name: String) {
    fun display(): String = name
}

enum class Role { ADMIN, USER }

object Registry {
    fun register(u: User) {}
}

typealias Users = List<User>

fun main() {
    println("hi")
}
"#;
    assert_eq!(
        outline(Language::Kotlin, source),
        vec![
            "interface Repo 4-6",
            "method Repo.find 5-5",
            "class User 8-10",
            "method User.display 9-9",
            "enum Role 12-12",
            "class Registry 14-16",
            "method Registry.register 15-15",
            "type Users 18-18",
            "function main 20-22",
        ]
    );
}

#[test]
fn swift_types_extensions_and_functions() {
    let source = r#"import Foundation

/// A vehicle.
protocol Vehicle {
    func drive()
}

class Car: Vehicle {
    init(name: String) {}
    func drive() {
        print("vroom")
    }
}

struct Point {
    var x: Int
}

enum Direction { case north, south }

extension Point {
    func moved() -> Point { return self }
}

typealias Meters = Double

func distance(a: Point, b: Point) -> Int {
    return 0
}
"#;
    assert_eq!(
        outline(Language::Swift, source),
        vec![
            "interface Vehicle 4-6",
            "method Vehicle.drive 5-5",
            "class Car 8-13",
            "method Car.init 9-9",
            "method Car.drive 10-12",
            "struct Point 15-17",
            "enum Direction 19-19",
            "impl Point 21-23",
            "method Point.moved 22-22",
            "type Meters 25-25",
            "function distance 27-29",
        ]
    );
}

#[test]
fn scala_classes_objects_traits_and_defs() {
    let source = r#"package shop

/** An item. */
case class Item(name: String, price: Int)

trait Priced {
  def price: Int
}

object Cart {
  def total(items: Seq[Item]): Int = items.map(_.price).sum
}

class Basket extends Priced {
  def price: Int = 0
}

enum Color { case Red, Green }

type Prices = Map[String, Int]
"#;
    assert_eq!(
        outline(Language::Scala, source),
        vec![
            "class Item 4-4",
            "trait Priced 6-8",
            "method Priced.price 7-7",
            "class Cart 10-12",
            "method Cart.total 11-11",
            "class Basket 14-16",
            "method Basket.price 15-15",
            "enum Color 18-18",
            "type Prices 20-20",
        ]
    );
}

#[test]
fn bash_functions_in_both_spellings() {
    let source = r#"#!/bin/bash
set -e

# Prints usage.
usage() {
  echo "usage"
}

function deploy {
  echo "deploying $1"
}

usage
"#;
    assert_eq!(
        outline(Language::Shell, source),
        vec!["function usage 5-7", "function deploy 9-11",]
    );
}

#[test]
fn lua_functions_tables_and_methods() {
    let source = r#"local M = {}

-- Adds two numbers.
function M.add(a, b)
  return a + b
end

function M:method()
  return self
end

local function helper()
  return 1
end

function global_fn()
end

M.sub = function(a, b)
  return a - b
end

return M
"#;
    assert_eq!(
        outline(Language::Lua, source),
        vec![
            "method M.add 4-6",
            "method M.method 8-10",
            "function helper 12-14",
            "function global_fn 16-17",
            "method M.sub 19-21",
        ]
    );
}

#[test]
fn doc_comments_above_definitions_in_each_comment_style() {
    let cases = [
        (Language::C, "/* A point. */\nstruct point { int x; };\n"),
        (Language::Cpp, "/// A shape.\nclass Shape {};\n"),
        (Language::Ruby, "# Talks to the API.\nclass Client\nend\n"),
        (Language::Shell, "# Prints usage.\nusage() {\n  echo u\n}\n"),
        (
            Language::Lua,
            "-- Adds two numbers.\nfunction add(a, b)\n  return a + b\nend\n",
        ),
        (Language::Kotlin, "/** A repository. */\ninterface Repo\n"),
    ];
    let docs: Vec<(String, Option<String>)> = cases
        .iter()
        .map(|(language, source)| {
            let first = extract_symbols(*language, source).into_iter().next();
            first.map_or((String::new(), None), |s| (s.name, s.doc))
        })
        .collect();
    let expected: Vec<(String, Option<String>)> = [
        ("point", "A point."),
        ("Shape", "A shape."),
        ("Client", "Talks to the API."),
        ("usage", "Prints usage."),
        ("add", "Adds two numbers."),
        ("Repo", "A repository."),
    ]
    .iter()
    .map(|(n, d)| (n.to_string(), Some(d.to_string())))
    .collect();
    assert_eq!(docs, expected);
}
