<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
  <context>
    <name>cnnviz.core.models.user_code</name>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>'{text}' is not FILE.py:NAME: give the class or function that builds the model after the colon, a Python name (e.g. --model {file}:Net)</source>
      <translation>'{text}' 不是 FILE.py:NAME 的形式：请在冒号后写出构建模型的类或函数，须是一个 Python 名称（例如 --model {file}:Net）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{where} needs :NAME, the class or function that builds the model (e.g. --model {where}:{example}); it defines {names}</source>
      <translation>{where} 需要加上 :NAME，即构建模型的类或函数（例如 --model {where}:{example}）；该文件定义了 {names}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{where} needs :NAME, the class or function that builds the model (e.g. --model {where}:{example})</source>
      <translation>{where} 需要加上 :NAME，即构建模型的类或函数（例如 --model {where}:{example}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{label} is Python code and loading it runs it: add --trust-code if you trust {where}</source>
      <translation>{label} 是 Python 代码，加载它就会运行它：如果你信任 {where}，请加上 --trust-code</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{text} is not user code: give FILE.py:NAME or package.module:NAME</source>
      <translation>{text} 不是用户代码：请给出 FILE.py:NAME 或 package.module:NAME</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>model code file not found: {where}</source>
      <translation>找不到模型代码文件：{where}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>model code {where} {problem}</source>
      <translation>模型代码 {where} {problem}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>model code {where} cannot be read ({reason})</source>
      <translation>无法读取模型代码 {where}（{reason}）</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>model code {where} is empty</source>
      <translation>模型代码 {where} 是空的</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>model code {where} is not {encoding} text (byte {byte}); save it as UTF-8</source>
      <translation>模型代码 {where} 不是 {encoding} 文本（第 {byte} 字节）；请将它保存为 UTF-8</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>model code {where} is not {encoding} text; save it as UTF-8</source>
      <translation>模型代码 {where} 不是 {encoding} 文本；请将它保存为 UTF-8</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>it defines {names}</source>
      <translation>其中定义了 {names}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>it defines no nn.Module class or factory function</source>
      <translation>其中没有定义任何 nn.Module 类或工厂函数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{where}: there is no {name} in it; {found}</source>
      <translation>{where}：其中没有 {name}；{found}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{label} is a class but not an nn.Module subclass</source>
      <translation>{label} 是一个类，但不是 nn.Module 的子类</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{label} is a {type}, not an nn.Module class or a function returning one</source>
      <translation>{label} 是 {type}，不是 nn.Module 类，也不是返回 nn.Module 的函数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{label} needs arguments ({names}) but cnnviz calls it with none: give them defaults, or add a function that builds the model with its arguments</source>
      <translation>{label} 需要参数（{names}），但 cnnviz 调用它时不传任何参数：请为这些参数设默认值，或另写一个带上参数构建模型的函数</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{label} returned a {type}, not an nn.Module</source>
      <translation>{label} 返回的是 {type}，而不是 nn.Module</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>module {name}</source>
      <translation>模块 {name}</translation>
    </message>
    <message>
      <location filename="cnnviz/core/models/user_code.py" />
      <source>{names} (+{count} more)</source>
      <translation>{names}（另有 {count} 个）</translation>
    </message>
  </context>
</TS>
